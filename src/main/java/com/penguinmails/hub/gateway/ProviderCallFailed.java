package com.penguinmails.hub.gateway;

/** A provider call that did not produce an answer the caller accepts; {@link #error()} says why. */
public class ProviderCallFailed extends RuntimeException {

    private final transient IntegrationError error;

    public ProviderCallFailed(IntegrationError error) {
        super(error.type().value() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public IntegrationError error() {
        return error;
    }
}
