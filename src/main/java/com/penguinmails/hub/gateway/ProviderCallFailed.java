package com.penguinmails.hub.gateway;

/** A provider call that did not produce an answer the caller accepts; {@link #error()} says why. */
public class ProviderCallFailed extends RuntimeException {

    /** The hub's own refusal that kept the call from reaching the provider at all. */
    public static final String CIRCUIT_OPEN = "circuit_open";

    private final transient IntegrationError error;
    private final String localRefusal;

    public ProviderCallFailed(IntegrationError error) {
        this(error, null);
    }

    /** @param localRefusal why the hub itself refused the call ({@link #CIRCUIT_OPEN}, {@code rate_limited}), or null */
    public ProviderCallFailed(IntegrationError error, String localRefusal) {
        super(error.type().value() + ": " + error.message(), null, false, false);
        this.error = error;
        this.localRefusal = localRefusal;
    }

    /** Why the hub refused the call without reaching the provider (e.g. its circuit is open), if it did. */
    public java.util.Optional<String> localRefusal() {
        return java.util.Optional.ofNullable(localRefusal);
    }

    public IntegrationError error() {
        return error;
    }
}
