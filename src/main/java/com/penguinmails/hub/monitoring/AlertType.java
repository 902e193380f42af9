package com.penguinmails.hub.monitoring;

/**
 * The guide's alert types, plus {@code credential} for keys and tokens that stopped working and
 * {@code api_error} for provider API errors the integration asks its admins to hear about.
 */
public enum AlertType {
    ERROR_RATE, RESPONSE_TIME, CONNECTIVITY, QUOTA_EXCEEDED, CREDENTIAL, API_ERROR;

    public String value() {
        return name().toLowerCase();
    }

    public static AlertType of(String value) {
        return valueOf(value.toUpperCase());
    }
}
