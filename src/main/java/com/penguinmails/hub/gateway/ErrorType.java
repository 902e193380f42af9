package com.penguinmails.hub.gateway;

import com.fasterxml.jackson.annotation.JsonValue;

/** The guide's {@code IntegrationErrorType}; JSON values are {@code authentication_error} and so on. */
public enum ErrorType {
    AUTHENTICATION, AUTHORIZATION, RATE_LIMIT, NETWORK, API, DATA, CONFIGURATION, QUOTA;

    @JsonValue
    public String value() {
        return name().toLowerCase() + "_error";
    }

    public static ErrorType of(String value) {
        return valueOf(value.toUpperCase().replaceFirst("_ERROR$", ""));
    }
}
