package com.penguinmails.hub.platform.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a tenant API key may do. Each endpoint that accepts API keys names the one scope it needs
 * with {@link RequiredScope}; endpoints without it refuse API keys. The scope table is in the README.
 */
public enum Scope {
    INTEGRATIONS_READ("integrations:read"),
    INTEGRATIONS_WRITE("integrations:write"),
    EMAIL_SEND("email:send"),
    WEBHOOKS_READ("webhooks:read"),
    WEBHOOKS_WRITE("webhooks:write"),
    SUPPORT_READ("support:read"),
    SUPPORT_WRITE("support:write"),
    AUDIT_READ("audit:read"),
    API_KEYS_WRITE("api_keys:write"),
    BILLING_READ("billing:read"),
    BILLING_WRITE("billing:write");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The name clients send and see, e.g. {@code integrations:read}. */
    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
