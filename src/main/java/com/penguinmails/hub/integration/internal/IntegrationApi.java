package com.penguinmails.hub.integration.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.penguinmails.hub.integration.internal.IntegrationSettings.Endpoint;
import com.penguinmails.hub.integration.internal.IntegrationSettings.ErrorHandling;
import com.penguinmails.hub.integration.internal.IntegrationSettings.Monitoring;
import com.penguinmails.hub.integration.internal.IntegrationSettings.RateLimits;
import com.penguinmails.hub.integration.internal.IntegrationSettings.WebhookConfig;

/** JSON shapes of the integration API. */
final class IntegrationApi {

    private IntegrationApi() {
    }

    static final String CATEGORIES = "email_service|payment_processor|analytics|crm|marketing_automation|social_media|storage|communication";

    /**
     * Create or replace an integration. Secret configuration fields are write-only; on replace, a
     * secret left out keeps its stored value.
     */
    record IntegrationRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = CATEGORIES, message = "must be one of " + CATEGORIES) String category,
            @NotBlank @Size(max = 50) String provider,
            @Pattern(regexp = "api_key|oauth2|basic_auth|bearer_token|none",
                    message = "must be one of api_key, oauth2, basic_auth, bearer_token, none") String authentication,
            @Size(max = 50) Map<String, Object> configuration,
            @Size(max = 50) List<@Valid Endpoint> endpoints,
            @Size(max = 20) List<@Valid WebhookConfig> webhooks,
            @Valid RateLimits rateLimits,
            @Valid ErrorHandling errorHandling,
            @Valid Monitoring monitoring,
            @Valid IntegrationSettings.Caching caching,
            @Pattern(regexp = "active|inactive", message = "a new integration starts active or inactive") String status) {

        @Override
        public String toString() {
            return "IntegrationRequest[name=" + name + ", provider=" + provider + "]";
        }
    }

    record StatusRequest(
            @NotNull @Pattern(regexp = "active|inactive|error|maintenance|deprecated",
                    message = "must be one of active, inactive, error, maintenance, deprecated") String status,
            @Size(max = 1000) String reason) {
    }

    record CredentialView(String hint, Instant updatedAt) {
    }

    record WebhookView(String id, String url, List<String> events, Map<String, String> headers,
                       IntegrationSettings.RetryPolicy retryPolicy, RateLimits rateLimit,
                       List<IntegrationSettings.WebhookFilter> filters, String secretHint) {
    }

    record IntegrationView(UUID id, String name, String category, String provider, String status,
                           String statusReason, Instant statusChangedAt, String authentication,
                           Map<String, Object> configuration, Map<String, CredentialView> credentials,
                           List<Endpoint> endpoints, List<WebhookView> webhooks, RateLimits rateLimits,
                           ErrorHandling errorHandling, Monitoring monitoring, IntegrationSettings.Caching caching,
                           long version, Instant createdAt,
                           Instant updatedAt) {
    }

    record TransitionView(String from, List<String> to) {
    }
}
