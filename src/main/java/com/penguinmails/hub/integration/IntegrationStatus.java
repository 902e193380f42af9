package com.penguinmails.hub.integration;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of an integration; the allowed transitions are in the README. */
public enum IntegrationStatus {
    ACTIVE, INACTIVE, ERROR, MAINTENANCE, DEPRECATED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    public static IntegrationStatus of(String value) {
        return valueOf(value.toUpperCase());
    }
}
