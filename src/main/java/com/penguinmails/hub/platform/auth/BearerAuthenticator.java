package com.penguinmails.hub.platform.auth;

import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer} credentials other than session tokens. The module that
 * owns sign-in consults every such bean after the session lookup failed, so it needs no dependency on
 * the module that issues the credentials (the security module's API keys).
 */
public interface BearerAuthenticator {

    /** Whether the token has this authenticator's format (e.g. the {@code pm_} prefix); no I/O. */
    boolean recognises(String token);

    /** The caller the token identifies; empty when it is unknown, expired or revoked. */
    Optional<ApiKeyCaller> authenticate(String token);
}
