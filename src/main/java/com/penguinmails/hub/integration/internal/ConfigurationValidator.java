package com.penguinmails.hub.integration.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.integration.AuthenticationMethod;
import com.penguinmails.hub.integration.ConfigurationRule;
import com.penguinmails.hub.integration.IntegrationCategory;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.platform.web.ApiProblem.FieldProblem;

/**
 * Checks an integration's configuration against its provider's schema and splits it into plain
 * settings (stored as jsonb) and secrets (sealed by the keyring). Every problem is reported at
 * once, each with its field path.
 */
@Component
class ConfigurationValidator {

    record Validated(Map<String, Object> settings, Map<String, String> secrets) {
        @Override
        public String toString() {
            return "Validated[settings=" + settings + ", secrets=" + secrets.keySet() + "]";
        }
    }

    private final ProviderCatalog catalog;
    private final JsonMapper json;
    private final ObjectProvider<ConfigurationRule> rules;

    ConfigurationValidator(ProviderCatalog catalog, JsonMapper json, ObjectProvider<ConfigurationRule> rules) {
        this.catalog = catalog;
        this.json = json;
        this.rules = rules;
    }

    ProviderSchema schema(String provider) {
        return catalog.schema(provider).orElseThrow(() -> ApiProblem.invalidFields(List.of(new FieldProblem(
                "provider", "must be one of " + String.join(", ", catalog.providers())))));
    }

    /**
     * @param storedSecrets names of secrets the integration already has (an update may omit them)
     */
    Validated validate(ProviderSchema schema, IntegrationCategory category, AuthenticationMethod authentication,
                       Map<String, Object> configuration, IntegrationSettings.RateLimits rateLimits,
                       Set<String> storedSecrets) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!schema.categories().contains(category)) {
            problems.add(new FieldProblem("category", "must be one of " + schema.categories().stream()
                    .map(IntegrationCategory::value).sorted().toList() + " for " + schema.provider()));
        }
        if (authentication != schema.authentication()) {
            problems.add(new FieldProblem("authentication", schema.provider() + " uses " + schema.authentication().value()));
        }
        Map<String, Object> given = configuration == null ? Map.of() : configuration;
        for (String name : given.keySet()) {
            if (schema.field(name).isEmpty()) {
                problems.add(new FieldProblem("configuration." + name, "is not a configuration field of " + schema.provider()));
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, Object> effective = new LinkedHashMap<>();
        for (FieldSpec field : schema.fields()) {
            Object value = given.get(field.name());
            String path = "configuration." + field.name();
            if (value == null) {
                if (field.defaultValue() != null) {
                    settings.put(field.name(), field.defaultValue());
                    effective.put(field.name(), field.defaultValue());
                } else if (field.required() && !(field.kind().secret() && storedSecrets.contains(field.name()))) {
                    problems.add(new FieldProblem(path, "is required"));
                }
                continue;
            }
            Optional<String> problem = typeProblem(field, value).or(() -> field.rule().check(value));
            if (problem.isPresent()) {
                problems.add(new FieldProblem(path, problem.get()));
                continue;
            }
            effective.put(field.name(), value);
            switch (field.kind()) {
                case SECRET -> secrets.put(field.name(), value.toString());
                case SECRET_LIST -> secrets.put(field.name(), json.writeValueAsString(value));
                default -> settings.put(field.name(), value);
            }
        }
        if (problems.isEmpty()) {
            schema.crossCheck().check(effective, rateLimits)
                    .forEach(e -> problems.add(new FieldProblem(e.getKey(), e.getValue())));
        }
        if (problems.isEmpty()) {
            Map<String, Object> plain = Map.copyOf(settings);
            rules.orderedStream().forEach(rule -> rule.check(schema.provider(), plain)
                    .forEach(e -> problems.add(new FieldProblem(e.getKey(), e.getValue()))));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalidFields(problems);
        }
        return new Validated(settings, secrets);
    }

    private static Optional<String> typeProblem(FieldSpec field, Object value) {
        return switch (field.kind()) {
            case TEXT, SECRET -> value instanceof String s && !s.isBlank() ? Optional.empty()
                    : Optional.of("must be a non-empty string");
            case NUMBER -> value instanceof Number ? Optional.empty() : Optional.of("must be a number");
            case LIST, SECRET_LIST -> value instanceof List<?> list && list.stream().allMatch(i -> i instanceof String)
                    ? Optional.empty() : Optional.of("must be a list of strings");
        };
    }
}
