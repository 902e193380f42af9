package com.penguinmails.hub.platform;

import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as a contract: named operations, one schema per Java type, problem answers,
 * no {@code /error}, and the committed {@code docs/openapi.json} equal to what the hub serves.
 */
class ApiDocumentIntegrationTests extends HubIntegrationTest {

    /** The committed document the client is generated from. */
    static final Path COMMITTED = Path.of("docs/openapi.json");

    @Autowired
    ApplicationContext context;

    private JsonNode document() throws IOException, InterruptedException {
        // generated on its first request: slow on a loaded machine, more than HubClient waits
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v3/api-docs")).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    @Test
    void theCommittedDocumentIsTheOneTheHubServes() throws Exception {
        JsonNode live = document();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(live) + "\n");
        }
        assertThat(Files.exists(COMMITTED)).as(COMMITTED + " exists").isTrue();
        JsonNode committed = json.readTree(Files.readString(COMMITTED));
        assertThat(live)
                .as(COMMITTED + " differs from /v3/api-docs: the API changed without its document. Regenerate it with "
                        + "mvn -B test -Dtest=ApiDocumentIntegrationTests -Dopenapi.update=true and commit it")
                .isEqualTo(committed);
    }

    @Test
    void everyOperationHasAUniqueMeaningfulOperationId() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        operations(document(), (path, method, operation) -> {
            JsonNode id = operation.get("operationId");
            if (id == null) {
                missing.add(method + " " + path);
            } else {
                ids.add(id.asString());
            }
        });
        assertThat(missing).as("operations without an operationId").isEmpty();
        assertThat(ids).as("operationIds").doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[a-z][A-Za-z]+").doesNotMatch(".*_\\d+$"));
        assertThat(ids).contains("createWebhookEndpoint", "listWebhookMessages", "getIntegration", "signUp");
    }

    @Test
    void everyOperationStatesItsSecurityAndItsProblemAnswers() throws Exception {
        JsonNode doc = document();
        assertThat(doc.get("components").get("schemas").get("Problem").get("properties").propertyNames())
                .contains("code", "status", "detail", "errors");
        operations(doc, (path, method, operation) -> {
            JsonNode responses = operation.get("responses");
            assertThat(responses.propertyNames()).as(method + " " + path + " answers")
                    .anyMatch(code -> code.startsWith("2") || code.startsWith("3"));
            responses.properties().stream().filter(e -> e.getKey().startsWith("4")).forEach(e ->
                    assertThat(e.getValue().get("content").get("application/problem+json").get("schema").get("$ref")
                            .asString()).as(method + " " + path + " " + e.getKey()).isEqualTo("#/components/schemas/Problem"));
            JsonNode security = operation.get("security");
            assertThat(security).as(method + " " + path + " security").isNotNull();
            if (path.startsWith("/api/v1/tenants/")) {
                assertThat(security.toString()).as(method + " " + path).contains("session");
                assertThat(responses.has("401")).as(method + " " + path + " 401").isTrue();
            }
        });
        JsonNode create = doc.get("paths").get("/api/v1/tenants/{tenantId}/webhook-endpoints").get("post");
        assertThat(create.get("responses").has("201")).isTrue();
        assertThat(create.get("responses").has("200")).isFalse();
        assertThat(create.get("x-required-scope").asString()).isEqualTo("webhooks:write");
        assertThat(create.get("security").toString()).contains("\"apiKey\":[\"webhooks:write\"]");
        for (String creates : List.of("/api/v1/tenants/{tenantId}/webhook-endpoints", "/api/v1/tenants/{tenantId}/integrations",
                "/api/v1/tenants/{tenantId}/api-keys", "/api/v1/tenants/{tenantId}/support/requests",
                "/api/v1/tenants/{tenantId}/emails", "/api/v1/tenants/{tenantId}/billing/payments")) {
            JsonNode post = doc.get("paths").get(creates).get("post");
            assertThat(post.get("parameters").toString()).as(creates).contains("\"Idempotency-Key\"");
            assertThat(post.get("responses").has("422")).as(creates + " 422").isTrue();
        }
        JsonNode delete = doc.get("paths").get("/api/v1/tenants/{tenantId}/webhook-endpoints/{endpointId}").get("delete");
        assertThat(delete.get("responses").has("204")).isTrue();
        JsonNode test = doc.get("paths").get("/api/v1/tenants/{tenantId}/webhook-endpoints/{endpointId}/test").get("post");
        assertThat(test.get("responses").has("202")).isTrue();
        JsonNode signUp = doc.get("paths").get("/api/v1/auth/signup").get("post");
        assertThat(signUp.get("security")).isEmpty();
        JsonNode members = doc.get("paths").get("/api/v1/tenants/{tenantId}/members").get("get");
        assertThat(members.get("security").toString()).doesNotContain("apiKey");
    }

    @Test
    void noTwoJavaTypesShareASchemaName() throws Exception {
        Map<String, Set<Class<?>>> byName = new TreeMap<>();
        RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<Type> seen = new HashSet<>();
        for (HandlerMethod handler : mappings.getHandlerMethods().values()) {
            if (!handler.getBeanType().getName().startsWith("com.penguinmails.")
                    || handler.getBeanType().isAnnotationPresent(Hidden.class)
                    || handler.getMethod().isAnnotationPresent(Hidden.class)) {
                continue;
            }
            Method method = handler.getMethod();
            collect(method.getGenericReturnType(), byName, seen);
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    collect(parameter.getGenericParameterType(), byName, seen);
                }
            }
        }
        Map<String, Set<Class<?>>> shared = new TreeMap<>();
        byName.forEach((name, types) -> {
            if (types.size() > 1) {
                shared.put(name, types);
            }
        });
        assertThat(shared).as("schema names used by more than one Java type").isEmpty();
        Set<String> schemas = new TreeSet<>(document().get("components").get("schemas").propertyNames());
        assertThat(schemas).as("the document's schemas are named after the API's types").containsAll(byName.keySet());
    }

    @Test
    void theMainRequestsHaveExamplesThatTheHubAccepts() throws Exception {
        JsonNode doc = document();
        SignedInUser owner = hub().signedInUser("Examples");
        UUID tenant = hub().tenantOf(owner, "Examples");
        Map<String, String> paths = Map.of(
                "signUp", "/api/v1/auth/signup",
                "createIntegration", "/api/v1/tenants/{tenantId}/integrations",
                "createWebhookEndpoint", "/api/v1/tenants/{tenantId}/webhook-endpoints",
                "sendEmail", "/api/v1/tenants/{tenantId}/emails",
                "sendEmailBatch", "/api/v1/tenants/{tenantId}/emails/batch");
        Map<String, Integer> examples = new TreeMap<>();
        for (Map.Entry<String, String> operation : paths.entrySet()) {
            JsonNode post = doc.get("paths").get(operation.getValue()).get("post");
            assertThat(post.get("operationId").asString()).isEqualTo(operation.getKey());
            JsonNode content = post.get("requestBody").get("content").get("application/json");
            assertThat(content.get("schema").get("$ref")).as(operation.getKey() + " keeps its schema").isNotNull();
            for (Map.Entry<String, JsonNode> example : content.get("examples").properties()) {
                String body = example.getValue().get("value").isString() ? example.getValue().get("value").asString()
                        : json.writeValueAsString(example.getValue().get("value"));
                // the example's address may already have an account in this suite's database
                body = body.replace("ada@example.com", HubClient.uniqueEmail("ada"));
                Response answer = hub().send("POST", operation.getValue().replace("{tenantId}", tenant.toString()),
                        body, operation.getKey().equals("signUp") ? null : owner.token(), "application/json");
                String name = operation.getKey() + "/" + example.getKey();
                assertThat(answer.status()).as(name + ": " + answer.raw().body()).isLessThan(500);
                assertThat(answer.code()).as(name + ": " + answer.raw().body())
                        .isNotIn("validation_failed", "malformed_request", "invalid_parameter");
                examples.put(name, answer.status());
            }
        }
        assertThat(examples).containsEntry("signUp/ada", 201).containsEntry("createIntegration/mailgun", 201)
                .containsEntry("createIntegration/sendgrid", 201).containsEntry("createIntegration/stripe", 201)
                .containsEntry("createIntegration/posthog", 201)
                .containsKeys("createWebhookEndpoint/orders", "sendEmail/welcome", "sendEmailBatch/newsletter");
    }

    @Test
    void errorIsNoPartOfTheApiAndAnswersLikeAnUnknownPath() throws Exception {
        assertThat(document().get("paths").has("/error")).isFalse();
        Response unknown = hub().get("/no-such-path", null);
        assertThat(unknown.status()).isEqualTo(404);
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            Response error = hub().send(method, "/error", null, null, "application/json");
            assertThat(error.status()).as(method + " /error").isEqualTo(404);
            assertThat(error.contentType()).startsWith("application/problem+json");
            assertThat(error.code()).isEqualTo("not_found").isEqualTo(unknown.code());
        }
    }

    /** Records of the hub reachable from a handler's body or answer, by the schema name springdoc gives them. */
    private static void collect(Type type, Map<String, Set<Class<?>>> byName, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), byName, seen);
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, byName, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), byName, seen);
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collect(c.getComponentType(), byName, seen);
            } else if (c.getName().startsWith("com.penguinmails.") && !c.isEnum() && !c.isInterface()) {
                io.swagger.v3.oas.annotations.media.Schema schema = AnnotatedElementUtils.findMergedAnnotation(c,
                        io.swagger.v3.oas.annotations.media.Schema.class);
                String name = schema != null && !schema.name().isEmpty() ? schema.name() : c.getSimpleName();
                byName.computeIfAbsent(name, n -> new HashSet<>()).add(c);
                if (c.isRecord()) {
                    for (RecordComponent component : c.getRecordComponents()) {
                        collect(component.getGenericType(), byName, seen);
                    }
                }
            }
        }
    }

    interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    static void operations(JsonNode document, OperationVisitor visitor) {
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method.getKey())) {
                visitor.visit(path.getKey(), method.getKey(), method.getValue());
            }
        }));
    }
}
