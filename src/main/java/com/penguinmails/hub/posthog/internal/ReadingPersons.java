package com.penguinmails.hub.posthog.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ErrorType;
import com.penguinmails.hub.gateway.IntegrationError;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.posthog.PostHogPersons;

/**
 * {@code GET /api/projects/{projectId}/persons/?distinct_id=…} on the private API (docs/PROVIDERS.md 4.3)
 * with the personal API key as a Bearer token, through the gateway under the platform's
 * {@code posthog.persons} rate limit.
 */
class ReadingPersons implements PostHogPersons {

    static final String OPERATION = "posthog.persons.get";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ProviderGateway gateway;
    private final PostHogProperties properties;
    private final JsonMapper json;

    ReadingPersons(ProviderGateway gateway, PostHogProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public List<Person> persons(String distinctId) {
        if (properties.personalApiKey() == null || properties.projectId() == null) {
            throw new ProviderCallFailed(new IntegrationError(ErrorType.CONFIGURATION,
                    "No PostHog personal API key or project id is configured (hub.posthog.personal-api-key, "
                            + "hub.posthog.project-id)", false, null, UUID.randomUUID().toString(), null));
        }
        URI uri = URI.create(properties.privateApi().toString().replaceAll("/+$", "") + "/api/projects/"
                + URLEncoder.encode(properties.projectId(), StandardCharsets.UTF_8) + "/persons/?distinct_id="
                + URLEncoder.encode(distinctId, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + properties.personalApiKey())
                .header("Accept", "application/json")
                .GET()
                .build();
        JsonNode answer = json.readTree(gateway.call(
                new ProviderCall(null, null, "posthog", OPERATION, request, Urgency.CALLER_FACING, null)).body());
        List<Person> persons = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            List<String> distinctIds = new ArrayList<>();
            result.path("distinct_ids").forEach(id -> distinctIds.add(id.asString()));
            Map<String, Object> personProperties = result.path("properties").isObject()
                    ? json.convertValue(result.path("properties"), OBJECT) : Map.of();
            persons.add(new Person(text(result.path("uuid"), text(result.path("id"), null)), distinctIds,
                    personProperties, instant(result.path("created_at"))));
        }
        return persons;
    }

    private static String text(JsonNode node, String otherwise) {
        return node.isMissingNode() || node.isNull() ? otherwise : node.asString();
    }

    private static Instant instant(JsonNode node) {
        String value = text(node, null);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
