package com.penguinmails.hub.integration.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.penguinmails.hub.integration.AuthenticationMethod;
import com.penguinmails.hub.integration.IntegrationCategory;

/**
 * What a provider's integration must look like: the categories and authentication it fits, its
 * configuration fields, and rules across fields and settings.
 */
record ProviderSchema(String provider, Set<IntegrationCategory> categories, AuthenticationMethod authentication,
                      List<FieldSpec> fields, CrossCheck crossCheck) {

    /** A rule over the whole validated configuration and rate limits; answers (field, problem) pairs. */
    @FunctionalInterface
    interface CrossCheck {
        List<Map.Entry<String, String>> check(Map<String, Object> configuration,
                                              IntegrationSettings.RateLimits rateLimits);

        CrossCheck NONE = (configuration, rateLimits) -> List.of();
    }

    Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
