package com.penguinmails.hub.integration;

import com.fasterxml.jackson.annotation.JsonValue;

public enum AuthenticationMethod {
    API_KEY, OAUTH2, BASIC_AUTH, BEARER_TOKEN, NONE;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    public static AuthenticationMethod of(String value) {
        return valueOf(value.toUpperCase());
    }
}
