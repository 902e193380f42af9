package com.penguinmails.hub.security;

import java.util.UUID;

/**
 * Who did something recorded in the audit log.
 *
 * @param id the user's id ({@code USER}, {@code STAFF}), the key's id ({@code API_KEY}); null for {@code SYSTEM}
 */
public record AuditActor(Type type, UUID id) {

    public enum Type {
        USER, API_KEY, SYSTEM, STAFF;

        public String value() {
            return name().toLowerCase();
        }
    }

    public static AuditActor user(UUID userId) {
        return new AuditActor(Type.USER, userId);
    }

    public static AuditActor staff(UUID userId) {
        return new AuditActor(Type.STAFF, userId);
    }

    public static AuditActor apiKey(UUID keyId) {
        return new AuditActor(Type.API_KEY, keyId);
    }

    public static AuditActor system() {
        return new AuditActor(Type.SYSTEM, null);
    }
}
