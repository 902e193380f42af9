package com.penguinmails.hub.integration;

import java.util.List;
import java.util.Map;

/**
 * A rule another module adds to the configuration of integrations it uses (the OAuth module's: the
 * redirect URI is the hub's own callback, {@code oauthProvider} names a configured provider). The
 * registry checks every rule bean when an integration is created or updated, after the provider's own
 * schema accepted the configuration, and refuses it with the rules' problems.
 */
public interface ConfigurationRule {

    /**
     * @param provider      the integration's registry provider ({@code google}, {@code oauth2}, …)
     * @param configuration its plain settings (never the secrets)
     * @return problems as (field path such as {@code configuration.redirectUri}, message) pairs; empty when none
     */
    List<Map.Entry<String, String>> check(String provider, Map<String, Object> configuration);
}
