package com.penguinmails.hub.reliability;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.net.URLEncoder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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

import com.stripe.net.Webhook;
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
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
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
import com.penguinmails.hub.support.SupportFixtures;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;
import com.penguinmails.hub.webhook.InboundEvent;
import com.penguinmails.hub.webhook.InboundWebhookSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12's property: random and mutated input, sent to every inbound webhook endpoint (each
 * provider's platform and integration URL — Mailgun, SendGrid, Stripe, generic — unsigned and correctly
 * signed over the mutated bytes), to the support desk's inbound email (Mailgun and SendGrid forms, raw
 * MIME with the inbound secret), to every API endpoint that takes a body (enumerated from Spring MVC's
 * request mappings, seeded with a valid body built from the OpenAPI description; the staff desk and
 * knowledge-base admin as a staff agent), and to the query parameters and path variables of every
 * endpoint without a body (other tenants' ids included), never gets a 5xx; a refused request never
 * leaves a row behind (row counts of every table, for the tenants involved, before and after); and every
 * inbound webhook that was accepted is processed afterwards — done, ignored or parked as failed, never
 * left pending by a crashing worker.
 * <p>
 * jqwik runs the properties; the shared Spring context of the suite is obtained through Spring's
 * {@link TestContextManager}, exactly as JUnit's SpringExtension would (same configuration, same
 * cached context). A failure reports jqwik's seed: {@code @Property(seed = "…")} replays it.
 * Tries per property: {@code jqwik.tries.default} (100 in {@code junit-platform.properties}); full size
 * (1,000 tries): see docs/RELIABILITY.md.
 */
class HostileRequestsPropertyTests extends HubIntegrationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static Fixture fixture;
    /** The fixture's knowledge-base article: words no other test searches for. */
    private static final String ARTICLE_TITLE = "Fuzzing zqxfuzzarticle";
    private static final String ARTICLE_BODY = "Only zqxfuzzarticle here.";
    /** The integration a seed body names where it needs one (set before seeds are built). */
    private static UUID seedIntegration;
    /** The tenant a seed body names where it needs one. */
    private static UUID seedTenant;

    /** Everything the properties need, built once against the running hub. */
    private record Fixture(HubClient client, JsonMapper writer, SignedInUser owner, UUID tenant, String mailgunKey,
                           KeyPair sendGridKeys, String customSecret, String stripeSecret, Map<String, UUID> integrations,
                           UUID endpoint, SignedInUser agent, Map<String, String> own, Map<String, String> foreign,
                           String deskMode, Instant started, List<Target> api, List<Call> calls, List<String> providers) {
    }

    /** An API endpoint with a body: method, path template and a valid body to mutate. */
    record Target(String method, String pattern, JsonNode seed) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** An endpoint without a body: method, path template and the query parameters it declares. */
    record Call(String method, String pattern, List<String> parameters) {
        @Override
        public String toString() {
            return method + " " + pattern + " " + parameters;
        }
    }

    /** Query parameter names any list or filter endpoint might read, tried beside the declared ones. */
    private static final List<String> QUERY_NAMES = List.of("cursor", "limit", "since", "until", "from", "to", "state",
            "status", "provider", "eventType", "type", "bucket", "range", "q", "open", "priority", "tenantId",
            "category", "integrationId", "code", "error", "error_description", "page", "sort");

    /** Query values that look right, nearly right, or hostile. */
    private static final List<String> QUERY_VALUES = List.of("1", "50", "200", "201", "0", "-1", "2147483648",
            "99999999999999999999", "1e3", "24h", "1h", "1m", "0s", "-1h", "30d", "31d", "P1D", "9999999999d", "1ms",
            "7d", "2026-11-26T00:00:00Z", "2999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59Z", "2026-13-45", "1764000000", "pending", "done", "failed", "ignored", "open",
            "true", "false", "high", "mailgun", "stripe", "acme", "google", "email.clicked", "*",
            Base64.getUrlEncoder().withoutPadding().encodeToString(("2026-11-26T00:00:00Z|" + UUID.randomUUID())
                    .getBytes(StandardCharsets.UTF_8)),
            Base64.getUrlEncoder().withoutPadding().encodeToString("x|y|z".getBytes(StandardCharsets.UTF_8)),
            Base64.getUrlEncoder().withoutPadding().encodeToString("not-a-date|not-a-uuid".getBytes(StandardCharsets.UTF_8)),
            "AAAA", "____", "====", "%%%", "eyJhIjoxfQ", UUID.randomUUID().toString());

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
        String stripeSecret = TestSecrets.fresh("whsec_fuzz");
        integrations.put("stripe", created(client.post(base + "/integrations", Map.of("name", "Stripe",
                "category", "payment_processor", "provider", "stripe", "configuration", Map.of("publishableKey",
                        "pk_test_fuzzfuzzfuzz", "secretKey", TestSecrets.fresh("sk_test_"), "webhookSecrets",
                        List.of(stripeSecret))), owner.token())));
        // deliveries of the events the fuzzing causes go to a closed port on loopback: refused at once, never sent out
        Response endpoint = client.post(base + "/webhook-endpoints", Map.of("url", "http://127.0.0.1:9/fuzz",
                "eventTypes", List.of("*")), owner.token());
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        UUID endpointId = UUID.fromString(endpoint.body().get("endpoint").get("id").asString());

        // staff, a ticket and an article for the desk; a second tenant whose ids the fuzzing uses from the first
        SignedInUser agent = SupportFixtures.agent(client, "FuzzAgent");
        Response ticket = client.post(base + "/support/requests", Map.of("subject", "Fuzzing help", "description",
                "Deliveries fail.", "category", "technical", "complexity", "high"), owner.token());
        assertThat(ticket.status()).as(ticket.raw().body()).isEqualTo(201);
        String slug = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        Response article = client.post("/api/v1/support/desk/kb/articles", Map.of("title", ARTICLE_TITLE, "slug", slug,
                "body", ARTICLE_BODY, "category", "technical", "published", true), agent.token());
        assertThat(article.status()).as(article.raw().body()).isEqualTo(201);
        SignedInUser stranger = client.signedInUser("FuzzStranger");
        UUID otherTenant = client.tenantOf(stranger, "Someone else");
        String otherBase = "/api/v1/tenants/" + otherTenant;
        UUID otherIntegration = created(client.post(otherBase + "/integrations", Map.of("name", "Mailgun",
                "category", "email_service", "provider", "mailgun", "configuration", Map.of("apiKey",
                        TestSecrets.fresh("key-"), "domain", "other.example.com", "webhookSigningKey",
                        TestSecrets.fresh("other-")), "rateLimits", Map.of("requestsPerMinute", 600, "requestsPerHour", 10000,
                        "strategy", "token-bucket")), stranger.token()));
        Response otherEndpoint = client.post(otherBase + "/webhook-endpoints", Map.of("url", "http://127.0.0.1:9/other",
                "eventTypes", List.of("*")), stranger.token());
        Response otherTicket = client.post(otherBase + "/support/requests", Map.of("subject", "Other help",
                "description", "Other.", "category", "technical", "complexity", "low"), stranger.token());
        Map<String, String> own = new HashMap<>(Map.of("tenantId", tenant.toString(), "integrationId",
                integrations.get("mailgun").toString(), "endpointId", endpointId.toString(), "userId", owner.id().toString(),
                "ticketId", ticket.body().get("ticket").get("id").asString(), "number",
                ticket.body().get("ticket").get("number").asString(), "id", article.body().get("id").asString(), "slug", slug,
                "provider", "acme", "address", owner.email()));
        Map<String, String> foreign = Map.of("tenantId", otherTenant.toString(), "integrationId", otherIntegration.toString(),
                "endpointId", otherEndpoint.body().get("endpoint").get("id").asString(), "userId", stranger.id().toString(),
                "ticketId", otherTicket.body().get("ticket").get("id").asString(), "number",
                otherTicket.body().get("ticket").get("number").asString(), "address", stranger.email());

        seedIntegration = integrations.get("mailgun");
        seedTenant = tenant;
        // the description is generated on its first request: minutes on a loaded machine, more than HubClient waits
        JsonNode openApi = json.readTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/v3/api-docs")).timeout(Duration.ofMinutes(5)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        List<Target> api = new ArrayList<>();
        List<String> providers = new ArrayList<>(new TreeSet<>(context.getBeansOfType(InboundWebhookSource.class)
                .values().stream().map(InboundWebhookSource::provider).toList()));
        RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<String> webhookPatterns = new ArrayList<>();
        List<String> inboundEmailPatterns = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            MethodParameter[] parameters = entry.getValue().getMethodParameters();
            boolean hasBody = java.util.Arrays.stream(parameters).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
            boolean ours = entry.getValue().getBeanType().getName().startsWith("com.penguinmails.hub.");
            for (String pattern : entry.getKey().getPatternValues()) {
                if (pattern.startsWith("/api/webhooks/")) {
                    webhookPatterns.add(pattern);
                } else if (pattern.startsWith("/api/v1/support/inbound/")) {
                    inboundEmailPatterns.add(pattern); // their own property: forms and MIME, with their credentials
                } else if (hasBody && pattern.startsWith("/api/")) {
                    for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                        api.add(new Target(method.name(), pattern, seed(openApi, method.name(), pattern)));
                    }
                } else if (!hasBody && ours && !pattern.equals("/error") && !pattern.startsWith("/api/v1/auth/")) {
                    var methods = entry.getKey().getMethodsCondition().getMethods();
                    for (var method : methods.isEmpty() ? java.util.Set.of(org.springframework.web.bind.annotation.RequestMethod.GET)
                            : methods) {
                        calls.add(new Call(method.name(), pattern, queryParameters(parameters)));
                    }
                }
            }
        }
        assertThat(webhookPatterns).as("the inbound webhook URLs the properties cover")
                .containsExactlyInAnyOrder("/api/webhooks/{provider}", "/api/webhooks/{provider}/{integrationId}");
        assertThat(inboundEmailPatterns).as("the inbound email URLs the properties cover").containsExactlyInAnyOrder(
                "/api/v1/support/inbound/mailgun", "/api/v1/support/inbound/sendgrid", "/api/v1/support/inbound/raw");
        assertThat(api).as("API endpoints with a body").hasSizeGreaterThan(15);
        assertThat(calls).as("endpoints without a body").extracting(Call::pattern).contains(
                "/api/v1/tenants/{tenantId}/monitoring/trends", "/api/v1/tenants/{tenantId}/alerts", "/console/config.json",
                "/oauth/callback/{provider}", "/billing/stripe/onboarding/refresh/{token}",
                "/api/v1/tenants/{tenantId}/webhook-inbox");
        assertThat(providers).contains("mailgun", "sendgrid", "stripe", "custom");
        return new Fixture(client, writer, owner, tenant, mailgunKey, sendGridKeys, customSecret, stripeSecret,
                integrations, endpointId, agent, Map.copyOf(own), foreign, deskMode(), Instant.now(), List.copyOf(api),
                List.copyOf(calls), List.copyOf(providers));
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

    /** Content types a client may send by mistake or on purpose, with bodies that break each one's parser. */
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "text/plain", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1");
    private static final List<String> HOSTILE_BODIES = List.of("b=%ZZ", "%", "a=%E0%A4%A", "=&=&==", "a=" + "%41".repeat(5000),
            "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb", "<a>&xxe;</a>", "{\"a\":", "\u0000");

    @Provide
    Arbitrary<Integer> anyContentType() {
        return Arbitraries.integers().between(0, CONTENT_TYPES.size() - 1);
    }

    @Provide
    Arbitrary<String> hostileBody() {
        return Arbitraries.oneOf(Arbitraries.of(HOSTILE_BODIES), Arbitraries.strings().ofMaxLength(200));
    }

    /**
     * Every operation with any content type, malformed bodies for each (bad percent escapes in form bodies, cut
     * multipart, XML entities), signed in and not: a 4xx or a 2xx, never a 5xx, and a refusal stores nothing.
     */
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void apiEndpointsNeverFailWhateverTheContentTypeOrCaller(@ForAll("anyEndpoint") int which,
                                                             @ForAll("anyContentType") int contentType,
                                                             @ForAll("hostileBody") String body,
                                                             @ForAll boolean signedIn) throws Exception {
        Target target = fixture.api().get(which % fixture.api().size());
        checkApi(target, body, CONTENT_TYPES.get(contentType), signedIn, "hostile body");
    }

    private void checkApi(Target target, String body, String what) throws Exception {
        checkApi(target, body, "application/json", true, what);
    }

    private void checkApi(Target target, String body, String contentType, boolean signedIn, String what)
            throws Exception {
        String path = resolve(target.pattern(), null);
        List<UUID> tenants = List.of(fixture.tenant());
        Map<String, Long> before = RowCounts.settled(tenants);
        Response response = fixture.client().send(target.method(), path, body, signedIn ? tokenFor(path) : null,
                contentType);
        try {
            check(target + " " + contentType + (signedIn ? "" : " signed out") + " " + what + " body=" + abbreviate(body),
                    response, before, tenants);
        } finally {
            restoreDesk(path);
        }
    }

    /** The staff desk and the admin APIs are for staff: fuzzed as the staff agent, the rest as the tenant's owner. */
    private static String tokenFor(String path) {
        return path.startsWith("/api/v1/support/desk") || path.startsWith("/api/v1/admin/")
                ? fixture.agent().token() : fixture.owner().token();
    }

    /**
     * The desk's settings and knowledge base are global: what an accepted fuzzed request changed there is put back,
     * so the suite's later support tests find the desk as it was.
     */
    private static void restoreDesk(String path) throws Exception {
        if (!path.startsWith("/api/v1/support/desk/")) {
            return;
        }
        try (Connection c = TestDatabase.asOwner()) {
            if (fixture.deskMode() != null) {
                try (PreparedStatement ps = c.prepareStatement("update support_settings set migration_mode = ?")) {
                    ps.setString(1, fixture.deskMode());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from kb_articles where created_at >= ? and id <> ?")) {
                ps.setObject(1, java.time.OffsetDateTime.ofInstant(fixture.started(), java.time.ZoneOffset.UTC));
                ps.setObject(2, UUID.fromString(fixture.own().get("id")));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update kb_articles set slug = ?, published = true, title = ?, body = ?, category = 'technical'
                    where id = ?""")) {
                ps.setString(1, fixture.own().get("slug"));
                ps.setString(2, ARTICLE_TITLE);
                ps.setString(3, ARTICLE_BODY);
                ps.setObject(4, UUID.fromString(fixture.own().get("id")));
                ps.executeUpdate();
            }
        }
    }

    private static String deskMode() throws Exception {
        try (Connection c = TestDatabase.asOwner(); PreparedStatement ps = c.prepareStatement(
                "select migration_mode from support_settings");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
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
        JsonNode seed = webhookSeed(provider, which);
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
            } else if (signed && "stripe".equals(provider)) {
                // stripe-java's own HMAC helper, as Stripe signs: t=<unix>,v1=HMAC(secret, t + "." + body)
                long timestamp = Instant.now().getEpochSecond();
                String secret = viaIntegration ? fixture.stripeSecret() : HubIntegrationTest.STRIPE_WEBHOOK_SECRET;
                headers.put("Stripe-Signature", "t=" + timestamp + ",v1="
                        + Webhook.Util.computeHmacSha256(secret, timestamp + "." + body));
            } else if (signed && "custom".equals(provider)) {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(fixture.customSecret().getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256"));
                headers.put("X-Signature", HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
            }
        }
        List<UUID> tenants = List.of(fixture.tenant(), InboundEvent.PLATFORM_TENANT);
        Map<String, Long> before = RowCounts.settled(tenants);
        Instant sent = Instant.now().minusMillis(5);
        Response response = fixture.client().send("POST", path, body, null, "application/json", headers);
        String request = "POST " + path + (signed ? " signed " : " unsigned ") + HostileInput.describe(mutations)
                + " body=" + abbreviate(body);
        check(request, response, before, tenants);
        if (response.status() < 300) {
            awaitProcessed(sent, request);
        }
    }

    /**
     * What an accepted webhook stored is processed by the inbox workers: done, ignored, or parked as failed after
     * its attempts — never left pending because processing crashed a worker. (Nothing else writes the inbox
     * while this class runs: rows received since the request are this request's.)
     */
    private static void awaitProcessed(Instant since, String request) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            try (Connection c = TestDatabase.asOwner(); PreparedStatement ps = c.prepareStatement("""
                    select count(*) filter (where state = 'pending'),
                           string_agg(distinct state || ': ' || coalesce(last_error, ''), '; ')
                    from webhook_inbox where received_at >= ?""")) {
                ps.setObject(1, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("events of an accepted request still pending (" + rs.getString(2)
                            + "): " + request).isZero();
                }
            }
        });
    }

    /** Mailgun's token is recorded in the events' transaction: a signed event PostgreSQL refuses leaves none. */
    @Example
    void aSignedWebhookTheDatabaseRefusesLeavesNoTokenBehind() throws Exception {
        // a NUL in the event's id (refused as the token's key, a text column); a NUL escaped inside the event's
        // JSON is stored, as the inbox keeps the event's text as received
        for (String eventData : List.of(
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
                 var ps = c.prepareStatement("select count(*) from webhook_one_use_tokens where token = ?")) {
                ps.setString(1, token);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(body).isZero();
                }
            }
        }
    }

    /** A valid event of the provider (fresh ids), which the mutations then damage. */
    private JsonNode webhookSeed(String provider, int which) {
        String id = UUID.randomUUID().toString();
        String compact = id.replace("-", "");
        String text = switch (provider) {
            case "stripe" -> switch (which / 7 % 3) {
                case 0 -> """
                        {"id":"evt_%s","object":"event","api_version":"2024-06-20","created":1764000000,"livemode":false,
                         "pending_webhooks":1,"type":"payment_intent.succeeded","data":{"object":{"id":"pi_%s",
                         "object":"payment_intent","amount":1200,"amount_received":1200,"currency":"usd","status":"succeeded",
                         "application_fee_amount":120,"metadata":{"hub_tenant_id":"%s"}}}}""".formatted(compact,
                        compact.substring(0, 20), fixture.tenant());
                case 1 -> """
                        {"id":"evt_%s","object":"event","api_version":"2024-06-20","created":1764000000,"livemode":false,
                         "pending_webhooks":1,"type":"account.updated","account":"acct_%s","data":{"object":{"id":"acct_%s",
                         "object":"account","type":"express","charges_enabled":true,"payouts_enabled":false,
                         "details_submitted":true,"capabilities":{"card_payments":"active"},"requirements":{
                         "currently_due":["external_account"],"past_due":[],"eventually_due":[]}}}}""".formatted(compact,
                        compact.substring(0, 16), compact.substring(0, 16));
                default -> """
                        {"id":"evt_%s","object":"event","api_version":"2024-06-20","created":1764000000,"livemode":false,
                         "pending_webhooks":1,"type":"invoice.payment_failed","data":{"object":{"id":"in_%s","object":"invoice",
                         "subscription":"sub_%s","customer":"cus_123","status":"open","amount_due":500,"amount_paid":0,
                         "currency":"usd","attempt_count":2,"period_start":1761408000,"period_end":1764000000,
                         "metadata":{}}}}""".formatted(compact, compact.substring(0, 20), compact.substring(0, 14));
            };
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

    // ---- the support desk's inbound email ----

    @Provide
    Arbitrary<Integer> anyChannel() {
        return Arbitraries.integers().between(0, 3_000);
    }

    /**
     * Mailgun route forwards (urlencoded, signed with the platform signing key or not), SendGrid inbound parse
     * (multipart, parsed fields or the raw message) and raw RFC 822 messages (both with or without the inbound
     * secret as the HTTP Basic password), their fields and MIME structure mutated.
     */
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void inboundEmailNeverFailsAndRefusalsStoreNothing(@ForAll("anyChannel") int which, @ForAll boolean authentic,
                                                       @ForAll("mutations") List<HostileInput.Mutation> mutations)
            throws Exception {
        String channel = List.of("mailgun", "sendgrid", "raw").get(which % 3);
        int variant = which / 3;
        // a member's address reaches the member's tenant (and its tickets by subject token); others the platform's
        String sender = variant % 3 == 0 ? fixture.owner().email() : HubClient.uniqueEmail("fuzz-sender");
        String subject = variant % 5 == 0 ? "Re: [" + fixture.own().get("number") + "] Fuzzing help" : "Invoice question";
        String basic = "Basic " + Base64.getEncoder().encodeToString(("inbound:" + (authentic
                ? HubIntegrationTest.SUPPORT_INBOUND_SECRET : "wrong-secret")).getBytes(StandardCharsets.UTF_8));
        String path = "/api/v1/support/inbound/" + channel;
        String contentType;
        String body;
        Map<String, String> headers = new LinkedHashMap<>();
        switch (channel) {
            case "mailgun" -> {
                long now = Instant.now().getEpochSecond();
                String token = UUID.randomUUID().toString().replace("-", "") + "fuzzfuzzfuzz";
                String signature = authentic ? HexFormat.of().formatHex(EmailTenant.hmac(
                        HubIntegrationTest.PLATFORM_MAILGUN_KEY, now + token)) : "00ff";
                List<String[]> signed = List.of(new String[] {"timestamp", Long.toString(now)},
                        new String[] {"token", token}, new String[] {"signature", signature});
                body = HostileInput.apply(HostileEmails.mailgun(sender, subject, variant), mutations,
                        node -> HostileEmails.urlEncoded(node, signed));
                contentType = "application/x-www-form-urlencoded";
            }
            case "sendgrid" -> {
                String boundary = "----fuzz" + UUID.randomUUID().toString().replace("-", "");
                body = HostileInput.apply(HostileEmails.sendGrid(sender, subject, variant), mutations,
                        node -> HostileEmails.multipart(node, boundary));
                contentType = "multipart/form-data; boundary=" + boundary;
                headers.put("Authorization", basic);
            }
            default -> {
                body = HostileInput.apply(HostileEmails.raw(sender, subject, variant), mutations, HostileEmails::rfc822);
                contentType = "message/rfc822";
                headers.put("Authorization", basic);
            }
        }
        List<UUID> tenants = List.of(fixture.tenant(), InboundEvent.PLATFORM_TENANT);
        Map<String, Long> before = RowCounts.settled(tenants);
        Response response = fixture.client().send("POST", path, body, null, contentType, headers);
        check("POST " + path + (authentic ? " authentic " : " unauthenticated ") + HostileInput.describe(mutations)
                + " body=" + abbreviate(body), response, before, tenants);
    }

    /** Each channel and MIME shape once, unmutated and authentic: the seeds themselves are accepted emails. */
    @Example
    void everyInboundEmailSeedIsAccepted() throws Exception {
        for (int which = 0; which < 24; which++) {
            String channel = List.of("mailgun", "sendgrid", "raw").get(which % 3);
            int variant = which / 3;
            String sender = HubClient.uniqueEmail("seed-sender");
            SupportFixtures.Posted posted = switch (channel) {
                case "mailgun" -> SupportFixtures.mailgun("http://localhost:" + port, strings(HostileEmails.mailgun(sender,
                        "Seed " + which, variant)));
                case "sendgrid" -> SupportFixtures.sendGrid("http://localhost:" + port, strings(HostileEmails.sendGrid(sender,
                        "Seed " + which, variant)), HubIntegrationTest.SUPPORT_INBOUND_SECRET);
                default -> SupportFixtures.raw("http://localhost:" + port, HostileEmails.rfc822(HostileEmails.raw(sender,
                        "Seed " + which, variant)));
            };
            assertThat(posted.status()).as(channel + " variant " + variant + " → " + posted.body()).isEqualTo(200);
        }
    }

    private static Map<String, String> strings(JsonNode fields) {
        Map<String, String> values = new LinkedHashMap<>();
        fields.properties().forEach(field -> values.put(field.getKey(), field.getValue().asString()));
        return values;
    }

    // ---- endpoints without a body: query parameters and path variables ----

    @Provide
    Arbitrary<List<String>> queryValues() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(QUERY_VALUES)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(HostileInput.AWKWARD)
                        .map(v -> v.length() > 1500 ? v.substring(0, 1500) : v)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(l -> Long.toString(l)))).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> pathChoices() {
        return Arbitraries.integers().between(0, 99).list().ofMinSize(1).ofMaxSize(4);
    }

    /**
     * Every endpoint without a body (lists, dashboards, trends, the console's config, the OAuth callback, the
     * billing onboarding refresh, the actions that take none): random query parameters — declared ones and
     * common ones (cursors, limits, instants, filters, buckets and ranges) with plausible, nearly plausible and
     * hostile values — and path variables that are the caller's own ids, another tenant's, random UUIDs or
     * hostile strings.
     */
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void queryParametersAndPathVariablesNeverFailAndRefusalsStoreNothing(@ForAll("anyEndpoint") int which,
                                                                          @ForAll("anyEndpoint") int names,
                                                                          @ForAll("queryValues") List<String> values,
                                                                          @ForAll("pathChoices") List<Integer> path,
                                                                          @ForAll("anyEndpoint") int hostile)
            throws Exception {
        Call call = fixture.calls().get(which % fixture.calls().size());
        List<String> candidates = new ArrayList<>(call.parameters());
        candidates.addAll(call.parameters());
        candidates.addAll(QUERY_NAMES);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String name = candidates.get((names + 7 * i) % candidates.size());
            query.append(query.isEmpty() ? "?" : "&").append(encode(name)).append('=').append(encode(values.get(i)));
        }
        checkCall(call, resolveVariables(call, path, hostile) + query, path + " " + values);
    }

    /** Every endpoint without a body once with the caller's own ids and once with another tenant's. */
    @Example
    void everyEndpointWithoutABodyTakesOwnAndForeignIds() throws Exception {
        for (Call call : fixture.calls()) {
            checkCall(call, resolveVariables(call, List.of(0), 0), "own ids");
            checkCall(call, resolveVariables(call, List.of(1), 0), "another tenant's ids");
        }
    }

    /**
     * Path variables: choice % 4 — 0 the caller's own id (never for the last variable of a DELETE: the fixture's
     * own integration or endpoint must survive), 1 another tenant's, 2 a random UUID, 3 a hostile string.
     */
    private static String resolveVariables(Call call, List<Integer> choices, int hostile) {
        Matcher matcher = VARIABLE.matcher(call.pattern());
        StringBuilder path = new StringBuilder();
        int index = 0;
        List<String> variables = new ArrayList<>();
        Matcher counting = VARIABLE.matcher(call.pattern());
        while (counting.find()) {
            variables.add(counting.group(1));
        }
        while (matcher.find()) {
            String name = matcher.group(1);
            int choice = choices.get(index % choices.size()) % 4;
            boolean last = index == variables.size() - 1;
            if (choice == 0 && last && "DELETE".equals(call.method())) {
                choice = 1;
            }
            String value = switch (choice) {
                case 0 -> fixture.own().getOrDefault(name, UUID.randomUUID().toString());
                case 1 -> fixture.foreign().getOrDefault(name, UUID.randomUUID().toString());
                case 2 -> UUID.randomUUID().toString();
                default -> {
                    String text = HostileInput.AWKWARD.get((hostile + index) % HostileInput.AWKWARD.size());
                    yield text.length() > 1500 ? text.substring(0, 1500) : text;
                }
            };
            matcher.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
            index++;
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private void checkCall(Call call, String path, String what) throws Exception {
        List<UUID> tenants = List.of(fixture.tenant(), InboundEvent.PLATFORM_TENANT);
        Map<String, Long> before = RowCounts.settled(tenants);
        Response response = fixture.client().send(call.method(), path, null, tokenFor(path), "application/json");
        try {
            check(call.method() + " " + path + " (" + what + ")", response, before, tenants);
        } finally {
            restoreDesk(path);
        }
    }

    /** The query parameters a handler declares: {@code @RequestParam} names and simple unannotated parameters. */
    private static List<String> queryParameters(MethodParameter[] parameters) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : parameters) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : param.value();
                if (name.isEmpty() && !Map.class.isAssignableFrom(parameter.getParameterType())) {
                    name = parameter.getParameterName();
                }
                if (name != null && !name.isEmpty()) {
                    names.add(name);
                }
            } else if (!parameter.hasParameterAnnotation(PathVariable.class) && parameter.getParameterType().isRecord()
                    && parameter.getParameterType().getName().startsWith("com.penguinmails.hub.")) {
                for (var component : parameter.getParameterType().getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        return List.copyOf(names);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- shared ----

    private void check(String request, Response response, Map<String, Long> before, List<UUID> tenants)
            throws Exception {
        assertThat(response.status()).as(request + " → " + abbreviate(response.raw().body())).isLessThan(500);
        if (response.status() < 300 && !request.startsWith("GET ")) { // a read sets off no background work
            RowCounts.accepted();
        }
        if (response.status() >= 400) {
            assertThat(response.contentType()).as(request).startsWith("application/problem+json");
            assertThat(RowCounts.grown(before, RowCounts.of(tenants))).as("rows stored by a refused request: " + request
                    + " → " + response.status() + " " + abbreviate(response.raw().body())).isEmpty();
        }
    }

    /**
     * Tomcat refuses a URL with an encoded NUL, slash or backslash in its path before any of the hub's code runs;
     * its answer is a problem like every other error (platform.web.ConnectorProblems), not Tomcat's HTML page.
     */
    @Example
    void aUrlTomcatRefusesIsAProblem() throws Exception {
        for (String encoded : List.of("%2F", "%5C", "%00")) {
            String answer = rawGet("/api/v1/tenants/" + fixture.tenant() + encoded + "x/alerts", fixture.owner().token());
            assertThat(answer).as(answer).startsWith("HTTP/1.1 400");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(answer)
                    .contains("content-type: application/problem+json").doesNotContain("<html").doesNotContain("tomcat");
            assertThat(answer).as(answer).contains("\"code\":\"invalid_request\"");
        }
    }

    /** A form field whose name the firewall refuses (a NUL in it) is the caller's 400, not a 500. */
    @Example
    void aFormFieldNameTheFirewallRefusesIsABadRequest() throws Exception {
        Map<String, Long> before = RowCounts.settled(List.of(InboundEvent.PLATFORM_TENANT));
        long now = Instant.now().getEpochSecond();
        String token = UUID.randomUUID().toString().replace("-", "") + "firewall";
        String body = "%00subject=Help&sender=someone%40example.com&timestamp=" + now + "&token=" + token + "&signature="
                + HexFormat.of().formatHex(EmailTenant.hmac(HubIntegrationTest.PLATFORM_MAILGUN_KEY, now + token));
        Response response = fixture.client().send("POST", "/api/v1/support/inbound/mailgun", body, null,
                "application/x-www-form-urlencoded");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("request_rejected");
        check("POST /api/v1/support/inbound/mailgun " + body, response, before, List.of(InboundEvent.PLATFORM_TENANT));
    }

    /** A malformed percent-encoding in a signed form body or in a query string is the caller's 400, not a 500. */
    @Example
    void malformedPercentEncodingIsABadRequest() throws Exception {
        List<UUID> tenants = List.of(fixture.tenant(), InboundEvent.PLATFORM_TENANT);
        Map<String, Long> before = RowCounts.settled(tenants);
        long now = Instant.now().getEpochSecond();
        String token = UUID.randomUUID().toString().replace("-", "") + "percent";
        String body = "subject=Help&sender=someone%,40example.com&timestamp=" + now + "&token=" + token + "&signature="
                + HexFormat.of().formatHex(EmailTenant.hmac(HubIntegrationTest.PLATFORM_MAILGUN_KEY, now + token));
        Response form = fixture.client().send("POST", "/api/v1/support/inbound/mailgun", body, null,
                "application/x-www-form-urlencoded");
        assertThat(form.status()).as(form.raw().body()).isEqualTo(400);
        assertThat(form.code()).isEqualTo("malformed_parameters");
        check("POST /api/v1/support/inbound/mailgun " + body, form, before, tenants);
        // java.net.URI refuses to build such a URL: the request line goes over a plain socket
        String answer = rawGet("/api/v1/tenants/" + fixture.tenant() + "/alerts?state=%ZZ&limit=%", fixture.owner().token());
        assertThat(answer).as(answer).startsWith("HTTP/1.1 400");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(answer).contains("content-type: application/problem+json");
        assertThat(RowCounts.grown(before, RowCounts.of(tenants))).isEmpty();
    }

    /** A multipart body cut before its closing boundary is the caller's 400, not a 500 (found at full size). */
    @Example
    void aMultipartBodyThatCannotBeParsedIsABadRequest() throws Exception {
        List<UUID> tenants = List.of(fixture.tenant(), InboundEvent.PLATFORM_TENANT);
        Map<String, Long> before = RowCounts.settled(tenants);
        String body = "--cut-boundary\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\nsupport@penguinmails.com\r\n"
                + "--cut-boundary\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nHel";
        String basic = "Basic " + Base64.getEncoder().encodeToString(("inbound:" + HubIntegrationTest.SUPPORT_INBOUND_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Response response = fixture.client().send("POST", "/api/v1/support/inbound/sendgrid", body, null,
                "multipart/form-data; boundary=cut-boundary", Map.of("Authorization", basic));
        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("malformed_multipart");
        check("POST /api/v1/support/inbound/sendgrid " + body, response, before, tenants);
    }

    /** A GET sent byte for byte as written; answers the status line, headers and body as text. */
    private String rawGet(String target, String token) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String resolve(String pattern, String provider) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "provider" -> provider != null ? provider : "google";
                case "address" -> "someone@example.com";
                case "campaignId" -> "campaign-1";
                default -> fixture.own().getOrDefault(matcher.group(1), UUID.randomUUID().toString());
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
                            : lower.contains("tenant") ? seedTenant.toString() : UUID.randomUUID().toString());
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
