package com.penguinmails.hub.oauth;

/**
 * No access token can be had for a connection: {@code reason} is {@code connection_not_found},
 * {@code connection_expired}, {@code connection_disconnected}, {@code refresh_failed} or
 * {@code refresh_busy} (another node is refreshing it and did not finish in time).
 */
public class OAuthTokenUnavailable extends RuntimeException {

    private final String reason;

    public OAuthTokenUnavailable(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
