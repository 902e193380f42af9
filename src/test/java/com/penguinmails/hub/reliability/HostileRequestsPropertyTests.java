package com.penguinmails.hub.reliability;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeExample;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestSecrets;
import com.penguinmails.hub.webhook.InboundWebhookSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's property: random and mutated payloads, sent to every inbound webhook endpoint (each
 * provider's platform and integration URL, unsigned and correctly signed over the mutated bytes)
 * and to every API endpoint that takes a body (enumerated from Spring MVC's request mappings, seeded
 * with a valid body built from the OpenAPI description), never get a 5xx, and a refused request
 * never leaves a row behind (row counts of every table, for the tenants involved, before and after).
 * <p>
 * jqwik runs the properties; the shared Spring context of the suite is obtained through Spring's
 * {@link TestContextManager}, exactly as JUnit's SpringExtension would (same configuration, same
 * cached context). A failure reports jqwik's seed: {@code @Property(seed = "…")} replays it.
 * Tries per property: {@code jqwik.tries.default} (150 in {@code junit-platform.properties}); full size:
 * {@code mvn -B test -Dtest=HostileRequestsPropertyTests -Djqwik.tries.default=2000}.
 */
class HostileRequestsPropertyTests extends HubIntegrationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static Fixture fixture;
    /** The integration a seed body names where it needs one (set before seeds are built). */
    private static UUID seedIntegration;

    /** Everything the properties need, built once against the running hub. */
    private record Fixture(HubClient client, JsonMapper writer, SignedInUser owner, UUID tenant, String mailgunKey,
                           KeyPair sendGridKeys, String customSecret, Map<String, UUID> integrations, UUID endpoint,
                           List<Target> api, List<String> providers) {
    }

    /** An API endpoint with a body: method, path template and a valid body to mutate. */
    record Target(String method, String pattern, JsonNode seed) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @BeforeProperty
    @BeforeExample
    void theRunningHub() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        if (fixture == null) {
            fixture = build();
        }
    }

    private Fixture build() throws Exception {
        ApplicationContext context = context();
        HubClient client = hub();
        JsonMapper writer = json.rebuild().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        SignedInUser owner = client.signedInUser("Fuzz");
        UUID tenant = client.tenantOf(owner, "Fuzzing");
        String base = "/api/v1/tenants/" + tenant;

        String mailgunKey = TestSecrets.fresh("fuzz-mailgun-");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair sendGridKeys = generator.generateKeyPair();
        String customSecret = TestSecrets.fresh("fuzz-custom-");
        Map<String, UUID> integrations = new HashMap<>();
        integrations.put("mailgun", created(client.post(base + "/integrations", Map.of("name", "Mailgun",
                "category", "email_service", "provider", "mailgun", "configuration", Map.of("apiKey",
                        TestSecrets.fresh("key-"), "domain", "fuzz.example.com", "webhookSigningKey", mailgunKey),
                "rateLimits", Map.of("requestsPerMinute", 600, "requestsPerHour", 10000, "strategy", "token-bucket")),
                owner.token())));
        integrations.put("sendgrid", created(client.post(base + "/integrations", Map.of("name", "SendGrid",
                "category", "email_service", "provider", "sendgrid", "configuration", Map.of("apiKey",
                        TestSecrets.register("SG." + UUID.randomUUID().toString().replace("-", "") + "."
                                + UUID.randomUUID().toString().replace("-", "")),
                        "eventWebhookPublicKey", Base64.getEncoder().encodeToString(sendGridKeys.getPublic().getEncoded()))),
                owner.token())));
        integrations.put("custom", created(client.post(base + "/integrations", Map.of("name", "Shop",
                "category", "crm", "provider", "custom", "configuration", Map.of("baseUrl", "https://shop.example.com",
                        "webhookSecret", customSecret)), owner.token())));
        Response endpoint = client.post(base + "/webhook-endpoints", Map.of("url", "https://hooks.example.com/fuzz",
                "eventTypes", List.of("*")), owner.token());
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        UUID endpointId = UUID.fromString(endpoint.body().get("endpoint").get("id").asString());

        seedIntegration = integrations.get("mailgun");
        JsonNode openApi = json.readTree(client.get("/v3/api-docs", null).raw().body());
        List<Target> api = new ArrayList<>();
        List<String> providers = new ArrayList<>(new TreeSet<>(context.getBeansOfType(InboundWebhookSource.class)
                .values().stream().map(InboundWebhookSource::provider).toList()));
        RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<String> webhookPatterns = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            boolean hasBody = java.util.Arrays.stream(entry.getValue().getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class));
            for (String pattern : entry.getKey().getPatternValues()) {
                if (pattern.startsWith("/api/webhooks/")) {
                    webhookPatterns.add(pattern);
                } else if (hasBody && pattern.startsWith("/api/")) {
                    for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                        api.add(new Target(method.name(), pattern, seed(openApi, method.name(), pattern)));
                    }
                }
            }
        }
        assertThat(webhookPatterns).as("the inbound webhook URLs the properties cover")
                .containsExactlyInAnyOrder("/api/webhooks/{provider}", "/api/webhooks/{provider}/{integrationId}");
        assertThat(api).as("API endpoints with a body").hasSizeGreaterThan(15);
        assertThat(providers).contains("mailgun", "sendgrid", "custom");
        return new Fixture(client, writer, owner, tenant, mailgunKey, sendGridKeys, customSecret, integrations,
                endpointId, List.copyOf(api), List.copyOf(providers));
    }

    private ApplicationContext context() {
        TestContextManager manager = new TestContextManager(getClass());
        return manager.getTestContext().getApplicationContext();
    }

    // ---- the API ----

    @Provide
    Arbitrary<Integer> anyEndpoint() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<List<HostileInput.Mutation>> mutations() {
        return HostileInput.mutations().list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void apiEndpointsNeverFailAndRefusalsStoreNothing(@ForAll("anyEndpoint") int which,
                                                      @ForAll("mutations") List<HostileInput.Mutation> mutations)
            throws Exception {
        Target target = fixture.api().get(which % fixture.api().size());
        String body = HostileInput.apply(target.seed(), mutations, node -> fixture.writer().writeValueAsString(node));
        checkApi(target, body, HostileInput.describe(mutations).toString());
    }

    /** Every endpoint at least once with its valid seed and with a few fixed bad bodies, whatever the dice say. */
    @Example
    void everyApiEndpointTakesItsSeedAndFixedBadBodies() throws Exception {
        for (Target target : fixture.api()) {
            checkApi(target, fixture.writer().writeValueAsString(target.seed()), "seed");
            for (String bad : List.of("", "{", "[]", "{\"a\":\"\\u0000\"}", "null", "{}")) {
                checkApi(target, bad, bad);
            }
        }
    }

    private void checkApi(Target target, String body, String what) throws Exception {
        String path = resolve(target.pattern(), null);
        List<UUID> tenants = List.of(fixture.tenant());
        Map<String, Long> before = RowCounts.of(tenants);
        Response response = fixture.client().send(target.method(), path, body, fixture.owner().token(), "application/json");
        check(target + " " + what + " body=" + abbreviate(body), response, before, tenants);
    }

    // ---- inbound webhooks ----

    @Provide
    Arbitrary<Integer> anyProvider() {
        return Arbitraries.integers().between(0, 1_000);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void webhookEndpointsNeverFailAndRefusalsStoreNothing(@ForAll("anyProvider") int which,
                                                          @ForAll boolean viaIntegration, @ForAll boolean signed,
                                                          @ForAll("mutations") @Size(max = 3) List<HostileInput.Mutation> mutations)
            throws Exception {
        String provider = fixture.providers().get(which % fixture.providers().size());
        UUID integration = fixture.integrations().getOrDefault(provider, UUID.randomUUID());
        String path = "/api/webhooks/" + provider + (viaIntegration ? "/" + integration : "");
        String key = viaIntegration ? fixture.mailgunKey() : HubIntegrationTest.PLATFORM_MAILGUN_KEY;
        JsonNode seed = webhookSeed(provider);
        Map<String, String> headers = new LinkedHashMap<>();
        String body;
        if ("mailgun".equals(provider)) {
            String eventData = HostileInput.apply(seed, mutations, node -> fixture.writer().writeValueAsString(node));
            long now = Instant.now().getEpochSecond();
            String token = UUID.randomUUID().toString().replace("-", "");
            String signature = signed ? HexFormat.of().formatHex(EmailTenant.hmac(key, now + token)) : "00ff";
            body = "{\"signature\":{\"timestamp\":\"" + now + "\",\"token\":\"" + token + "\",\"signature\":\""
                    + signature + "\"},\"event-data\":" + eventData + "}";
        } else {
            body = HostileInput.apply(seed, mutations, node -> fixture.writer().writeValueAsString(node));
            if (signed && "sendgrid".equals(provider)) {
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                Signature signer = Signature.getInstance("SHA256withECDSA");
                signer.initSign(fixture.sendGridKeys().getPrivate());
                signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
                headers.put("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
                headers.put("X-Twilio-Email-Event-Webhook-Signature", Base64.getEncoder().encodeToString(signer.sign()));
            } else if (signed && "custom".equals(provider)) {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(fixture.customSecret().getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256"));
                headers.put("X-Signature", HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
            }
        }
        List<UUID> tenants = List.of(fixture.tenant(), com.penguinmails.hub.webhook.InboundEvent.PLATFORM_TENANT);
        Map<String, Long> before = RowCounts.of(tenants);
        Response response = fixture.client().send("POST", path, body, null, "application/json", headers);
        check("POST " + path + (signed ? " signed " : " unsigned ") + HostileInput.describe(mutations)
                + " body=" + abbreviate(body), response, before, tenants);
    }

    /** Mailgun's token is recorded in the events' transaction: a signed event PostgreSQL refuses leaves none. */
    @Example
    void aSignedWebhookTheDatabaseRefusesLeavesNoTokenBehind() throws Exception {
        // a NUL inside the event (refused by jsonb) and in its id (refused as the token's key, a text column)
        for (String eventData : List.of(
                "{\"event\":\"delivered\",\"id\":\"nul-%s\",\"timestamp\":1764000000,\"reason\":\"nul\\u0000inside\"}",
                "{\"event\":\"delivered\",\"id\":\"\\u0000%s\",\"timestamp\":1764000000}")) {
            long now = Instant.now().getEpochSecond();
            String token = "refused-" + UUID.randomUUID().toString().replace("-", "");
            String body = "{\"signature\":{\"timestamp\":\"" + now + "\",\"token\":\"" + token + "\",\"signature\":\""
                    + HexFormat.of().formatHex(EmailTenant.hmac(fixture.mailgunKey(), now + token)) + "\"},\"event-data\":"
                    + eventData.formatted(UUID.randomUUID()) + "}";
            Response response = fixture.client().send("POST", "/api/webhooks/mailgun/"
                    + fixture.integrations().get("mailgun"), body, null, "application/json");
            assertThat(response.status()).as(body + " → " + response.raw().body()).isEqualTo(400);
            try (var c = com.penguinmails.hub.testkit.TestDatabase.asOwner();
                 var ps = c.prepareStatement("select count(*) from mailgun_webhook_tokens where token = ?")) {
                ps.setString(1, token);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(body).isZero();
                }
            }
        }
    }

    /** A valid event of the provider (fresh ids), which the mutations then damage. */
    private JsonNode webhookSeed(String provider) {
        String id = UUID.randomUUID().toString();
        String text = switch (provider) {
            case "mailgun" -> """
                    {"event":"delivered","id":"%s","timestamp":1764000000.5,"recipient":"reader@example.com",
                     "user-variables":{"hub_message_id":"%s","hub_tenant_id":"%s"}}""".formatted(id, UUID.randomUUID(),
                    fixture.tenant());
            case "sendgrid" -> """
                    [{"email":"reader@example.com","event":"delivered","sg_event_id":"%s","timestamp":1764000000,
                      "hub_tenant_id":"%s"},{"email":"b@example.com","event":"open","sg_event_id":"%s-2","timestamp":1764000001}]"""
                    .formatted(id, fixture.tenant(), id);
            default -> """
                    {"id":"%s","type":"order.paid","order":{"status":"paid","total":1200}}""".formatted(id);
        };
        return json.readTree(text);
    }

    // ---- shared ----

    private void check(String request, Response response, Map<String, Long> before, List<UUID> tenants)
            throws Exception {
        assertThat(response.status()).as(request + " → " + abbreviate(response.raw().body())).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.contentType()).as(request).startsWith("application/problem+json");
            assertThat(RowCounts.grown(before, RowCounts.of(tenants))).as("rows stored by a refused request: " + request
                    + " → " + response.status() + " " + abbreviate(response.raw().body())).isEmpty();
        }
    }

    private String resolve(String pattern, String provider) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "tenantId" -> fixture.tenant().toString();
                case "integrationId" -> fixture.integrations().get("mailgun").toString();
                case "endpointId" -> fixture.endpoint().toString();
                case "userId" -> fixture.owner().id().toString();
                case "provider" -> provider != null ? provider : "google";
                case "address" -> "someone@example.com";
                case "campaignId" -> "campaign-1";
                default -> UUID.randomUUID().toString();
            };
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** A valid-looking body from the operation's OpenAPI schema. */
    private JsonNode seed(JsonNode openApi, String method, String pattern) {
        JsonNode schema = openApi.path("paths").path(pattern).path(method.toLowerCase()).path("requestBody")
                .path("content").path("application/json").path("schema");
        return example(openApi, schema, "", 0);
    }

    private JsonNode example(JsonNode openApi, JsonNode schema, String name, int depth) {
        var nodes = json.getNodeFactory();
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            return example(openApi, openApi.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1)),
                    name, depth);
        }
        if (depth > 4) {
            return nodes.nullNode();
        }
        for (String choice : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.path(choice).isArray() && !schema.path(choice).isEmpty()) {
                return example(openApi, schema.path(choice).get(0), name, depth + 1);
            }
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asString("object");
        String lower = name.toLowerCase();
        switch (type) {
            case "array":
                return nodes.arrayNode().add(example(openApi, schema.path("items"), name, depth + 1));
            case "string":
                String format = schema.path("format").asString("");
                if ("uuid".equals(format)) {
                    return nodes.stringNode(lower.contains("integration") ? seedIntegration.toString()
                            : UUID.randomUUID().toString());
                }
                if ("date-time".equals(format)) {
                    return nodes.stringNode("2999-01-01T00:00:00Z");
                }
                if ("email".equals(format) || lower.contains("email") || lower.equals("to") || lower.equals("address")) {
                    return nodes.stringNode(HubClient.uniqueEmail("fuzz"));
                }
                if (lower.contains("url") || lower.contains("uri")) {
                    return nodes.stringNode("https://example.com/fuzz");
                }
                return nodes.stringNode("fuzz");
            case "integer":
            case "number":
                return nodes.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1);
            case "boolean":
                return nodes.booleanNode(true);
            default:
                ObjectNode object = nodes.objectNode();
                schema.path("properties").properties().forEach(property ->
                        object.set(property.getKey(), example(openApi, property.getValue(), property.getKey(), depth + 1)));
                return object;
        }
    }

    private static UUID created(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + " chars)" : text;
    }
}
