package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

record UserAccount(UUID id, String email, String passwordHash, String name, boolean emailVerified,
                   String onboardingStep, Map<String, Object> data, Instant createdAt, Instant updatedAt) {

    @Override
    public String toString() {
        return "UserAccount[id=" + id + "]";
    }
}
