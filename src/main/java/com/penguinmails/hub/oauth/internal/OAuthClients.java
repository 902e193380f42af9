package com.penguinmails.hub.oauth.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.IntegrationRegistry;
import com.penguinmails.hub.integration.IntegrationRegistry.IntegrationRef;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * An OAuth client as one tenant uses it: the provider's endpoints (configuration) together with the
 * client id, secret, scopes and redirect URI of the tenant's integration (the registry).
 */
@Component
class OAuthClients {

    /** Everything a flow needs; {@code clientSecret} is a secret and never printed. */
    record Client(String name, OAuthProperties.Provider settings, UUID tenantId, UUID integrationId,
                  String integrationProvider, String clientId, String clientSecret, List<String> scopes,
                  URI redirectUri, URI authorizationUri, URI tokenUri, URI revocationUri, String userInfoUri) {

        boolean postsClientSecret() {
            return "client_secret_post".equals(settings.clientAuthentication());
        }

        @Override
        public String toString() {
            return "Client[" + name + ", integration " + integrationId + "]";
        }
    }

    private final OAuthProperties properties;
    private final IntegrationRegistry registry;

    OAuthClients(OAuthProperties properties, IntegrationRegistry registry) {
        this.properties = properties;
        this.registry = registry;
    }

    Optional<OAuthProperties.Provider> provider(String name) {
        return Optional.ofNullable(properties.providers().get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The tenant's client for a provider: the given integration, else the tenant's one usable
     * integration of that provider; refused as a problem when there is none or several.
     */
    Client forProvider(UUID tenantId, String name, UUID integrationId) {
        OAuthProperties.Provider settings = provider(name).orElseThrow(() -> ApiProblem.notFound("unknown_provider",
                "No OAuth provider '" + name + "' is configured"));
        IntegrationRef integration;
        if (integrationId != null) {
            integration = registry.find(tenantId, integrationId)
                    .filter(i -> configures(i, name, settings))
                    .orElseThrow(() -> ApiProblem.notFound("integration_not_found",
                            "No " + name + " integration " + integrationId + " in this tenant"));
        } else {
            List<IntegrationRef> candidates = registry.byProvider(tenantId, settings.integrationProvider()).stream()
                    .filter(i -> configures(i, name, settings))
                    .filter(i -> i.status() != IntegrationStatus.INACTIVE && i.status() != IntegrationStatus.DEPRECATED)
                    .toList();
            if (candidates.isEmpty()) {
                throw ApiProblem.notFound("integration_not_found", "Register a " + settings.integrationProvider()
                        + " integration with the OAuth client first");
            }
            if (candidates.size() > 1) {
                throw ApiProblem.conflict("integration_ambiguous", "Several " + name
                        + " integrations exist; name one with integrationId");
            }
            integration = candidates.get(0);
        }
        if (integration.status() == IntegrationStatus.INACTIVE || integration.status() == IntegrationStatus.DEPRECATED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "integration_not_usable", "The integration is "
                    + integration.status().value());
        }
        return client(name, settings, integration);
    }

    /** The client of an existing connection (its integration may since have changed its settings). */
    Optional<Client> forConnection(UUID tenantId, UUID integrationId, String name) {
        Optional<OAuthProperties.Provider> settings = provider(name);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        return registry.find(tenantId, integrationId).map(i -> client(name, settings.get(), i));
    }

    private Client client(String name, OAuthProperties.Provider settings, IntegrationRef integration) {
        Map<String, Object> configuration = integration.configuration();
        Map<String, String> credentials = registry.credentials(integration.tenantId(), integration.id());
        LinkedHashSet<String> scopes = new LinkedHashSet<>();
        if (configuration.get("scopes") instanceof List<?> list) {
            list.forEach(scope -> scopes.add(scope.toString()));
        }
        scopes.addAll(settings.extraScopes());
        String tenant = Objects.toString(configuration.get("tenant"), "common");
        return new Client(name.toLowerCase(Locale.ROOT), settings, integration.tenantId(), integration.id(),
                integration.provider(), Objects.toString(configuration.get("clientId"), ""),
                credentials.getOrDefault("clientSecret", ""), new ArrayList<>(scopes),
                URI.create(Objects.toString(configuration.get("redirectUri"), "")),
                uri(settings.authorizationUri(), tenant), uri(settings.tokenUri(), tenant),
                settings.revocationUri() == null || settings.revocationUri().isBlank() ? null
                        : uri(settings.revocationUri(), tenant),
                settings.userInfoUri() == null ? null : settings.userInfoUri().replace("{tenant}", tenant));
    }

    private static boolean configures(IntegrationRef integration, String name, OAuthProperties.Provider settings) {
        if (!integration.provider().equals(settings.integrationProvider())) {
            return false;
        }
        return !"oauth2".equals(integration.provider())
                || name.equalsIgnoreCase(Objects.toString(integration.configuration().get("oauthProvider"), ""));
    }

    private static URI uri(String template, String tenant) {
        if (template == null || template.isBlank()) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "provider_misconfigured",
                    "An endpoint of this OAuth provider is not configured");
        }
        return URI.create(template.replace("{tenant}", tenant));
    }
}
