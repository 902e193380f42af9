package com.penguinmails.hub.oauth.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.integration.ConfigurationRule;
import com.penguinmails.hub.platform.PlatformProperties;

/**
 * What an integration holding an OAuth client must say, checked when it is saved: an {@code oauth2}
 * integration's {@code oauthProvider} names a provider configured under {@code hub.oauth.providers}
 * for {@code oauth2} integrations, and the {@code redirectUri} is exactly the hub's own callback for
 * that provider, {@code {hub.public-base-url}/oauth/callback/{provider}} — the only address the hub
 * finishes a flow at, and one per provider (RFC 9700's defence against mix-up).
 */
@Component
class OAuthClientRules implements ConfigurationRule {

    private final OAuthProperties properties;
    private final String callbackBase;

    OAuthClientRules(OAuthProperties properties, PlatformProperties platform) {
        this.properties = properties;
        this.callbackBase = platform.publicBaseUrl().toString().replaceAll("/+$", "") + OAuthCallbackController.PATH;
    }

    /** The redirect URI an integration of the OAuth provider {@code name} must register. */
    String callback(String name) {
        return callbackBase + name;
    }

    @Override
    public List<Map.Entry<String, String>> check(String provider, Map<String, Object> configuration) {
        List<String> names = properties.providers().entrySet().stream()
                .filter(e -> e.getValue().integrationProvider().equals(provider))
                .map(Map.Entry::getKey).sorted().toList();
        String redirectUri = Objects.toString(configuration.get("redirectUri"), null);
        if ("oauth2".equals(provider)) {
            String name = Objects.toString(configuration.get("oauthProvider"), "").toLowerCase(Locale.ROOT);
            if (!names.contains(name)) {
                return List.of(Map.entry("configuration.oauthProvider", names.isEmpty()
                        ? "names no OAuth provider: none is configured under hub.oauth.providers"
                        : "must be a provider configured under hub.oauth.providers: " + String.join(", ", names)));
            }
            return redirectUri == null || redirectUri.equals(callback(name)) ? List.of()
                    : List.of(Map.entry("configuration.redirectUri", "must be " + callback(name)
                    + ", the hub's OAuth callback for " + name));
        }
        if (names.isEmpty() || redirectUri == null || names.stream().map(this::callback).anyMatch(redirectUri::equals)) {
            return List.of();
        }
        return List.of(Map.entry("configuration.redirectUri", "must be "
                + String.join(" or ", names.stream().map(this::callback).toList()) + ", the hub's OAuth callback for "
                + String.join(" or ", names)));
    }
}
