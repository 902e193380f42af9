package com.penguinmails.hub.platform.auth;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A request authenticated by a tenant API key rather than a user's session. The key is bound to
 * exactly one tenant and may do only what its scopes allow.
 *
 * @param keyId    the key's id (the audit log's actor id)
 * @param tenantId the only tenant the key reaches
 * @param prefix   the key's public prefix, safe to show and log
 */
public record ApiKeyCaller(UUID keyId, UUID tenantId, String prefix, Set<Scope> scopes) {

    public ApiKeyCaller {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The API key the current request was authenticated with, if it was. */
    public static Optional<ApiKeyCaller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ApiKeyCaller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }
}
