package com.penguinmails.hub.monitoring;

/** The guide's alert types, plus {@code credential} for keys and tokens that stopped working. */
public enum AlertType {
    ERROR_RATE, RESPONSE_TIME, CONNECTIVITY, QUOTA_EXCEEDED, CREDENTIAL;

    public String value() {
        return name().toLowerCase();
    }
}
