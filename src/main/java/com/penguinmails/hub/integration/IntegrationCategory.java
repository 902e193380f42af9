package com.penguinmails.hub.integration;

import com.fasterxml.jackson.annotation.JsonValue;

public enum IntegrationCategory {
    EMAIL_SERVICE, PAYMENT_PROCESSOR, ANALYTICS, CRM, MARKETING_AUTOMATION, SOCIAL_MEDIA, STORAGE, COMMUNICATION;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    public static IntegrationCategory of(String value) {
        return valueOf(value.toUpperCase());
    }
}
