package com.penguinmails.hub.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;

import com.penguinmails.hub.platform.auth.RequiredScope;

/**
 * The OpenAPI description served at {@code /v3/api-docs}, rendered by Swagger UI and committed as
 * {@code docs/openapi.json}. Beyond what springdoc reads from the controllers it states, for every
 * operation, who may call it (a session, or an API key with the scope its {@link RequiredScope} names)
 * and the problem answers it gives.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // stored payloads are any JSON: a plain object in the document, not Jackson's node classes
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
                new ObjectSchema().description("Any JSON object"));
    }

    static final String SESSION = "session";
    static final String API_KEY = "apiKey";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenAPI hubOpenApi() {
        return new OpenAPI()
                .info(new Info().title("PenguinMails Integration Hub API").version("v1")
                        .description("Errors are RFC 9457 problem details (application/problem+json) with a "
                                + "stable `code` member and, for invalid fields, an `errors` list. Paged lists take "
                                + "`limit` and `cursor`; a page's `nextCursor` asks for the next one. Creates "
                                + "accept an `Idempotency-Key` header: the same key with the same body answers the "
                                + "same result again and creates nothing more."))
                // relative: Swagger UI and clients call the hub that served the document
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(SESSION, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("session token")
                                .description("The session token POST /api/v1/auth/signin answers"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("pm_live_…")
                                .description("A tenant API key; an operation that accepts keys names the scope "
                                        + "it needs (x-required-scope)"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(SESSION));
    }

    /** The problem body every 4xx and 5xx carries (see {@link ProblemHandler}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The request field, parameter or header"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 9457 problem detail")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("code", new StringSchema().description("Stable, machine-readable reason, e.g. validation_failed"))
                .addProperty("errors", new ArraySchema().items(fieldError).description("The invalid fields"))
                .required(List.of("status", "code"));
    }

    /**
     * Security and problem answers per operation: a handler with {@link RequiredScope} (on the method or
     * its class) takes a session or an API key with that scope, any other one a session only.
     */
    @Bean
    OperationCustomizer securityAndProblems() {
        return (operation, handler) -> {
            RequiredScope scope = requiredScope(handler);
            List<SecurityRequirement> security = new ArrayList<>();
            security.add(new SecurityRequirement().addList(SESSION));
            if (scope != null) {
                security.add(new SecurityRequirement().addList(API_KEY, scope.value().value()));
                operation.addExtension("x-required-scope", scope.value().value());
            }
            operation.setSecurity(security);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean hasInput = operation.getRequestBody() != null
                    || (operation.getParameters() != null && !operation.getParameters().isEmpty());
            if (hasInput) {
                problem(responses, "400", "Invalid input (validation_failed, malformed_request, invalid_parameter)");
            }
            if (operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equals(p.getName()))) {
                problem(responses, "422", "This Idempotency-Key was used for a different request (idempotency_key_reused)");
            }
            problem(responses, "401", "No valid session token or API key (unauthenticated)");
            problem(responses, "403", scope != null
                    ? "Not allowed: not a member with the needed role, or an API key without " + scope.value().value()
                    : "Not allowed (forbidden, insufficient_scope: API keys are refused here)");
            operation.setResponses(responses);
            return operation;
        };
    }

    /**
     * Document-wide corrections: public paths need no credentials, and operations with path variables
     * answer 404 for an id that is unknown or belongs to another tenant.
     */
    @Bean
    OpenApiCustomizer publicPathsAndNotFound(ObjectProvider<PublicEndpoints> publicEndpoints) {
        return openApi -> {
            AntPathMatcher matcher = new AntPathMatcher();
            List<String> open = publicEndpoints.orderedStream().flatMap(p -> p.patterns().stream()).toList();
            for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
                boolean isPublic = !path.getKey().startsWith("/api/")
                        || open.stream().anyMatch(p -> matcher.match(p, path.getKey()));
                for (Operation operation : path.getValue().readOperations()) {
                    if (isPublic) {
                        operation.setSecurity(List.of());
                        operation.getResponses().remove("401");
                        operation.getResponses().remove("403");
                        if (operation.getExtensions() != null) {
                            operation.getExtensions().remove("x-required-scope");
                        }
                    }
                    if (path.getKey().contains("{")) {
                        problem(operation.getResponses(), "404", "Not found (not_found), or not visible to the caller");
                    }
                }
            }
        };
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private static RequiredScope requiredScope(HandlerMethod handler) {
        RequiredScope scope = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiredScope.class);
        return scope != null ? scope : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiredScope.class);
    }
}
