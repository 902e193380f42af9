package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.UUID;

/** A user's preferences within one tenant. */
record Preferences(UUID tenantId, UUID userId, String theme, String language, String timezone,
                   boolean emailNotifications, boolean pushNotifications, boolean weeklyReports,
                   boolean marketingEmails, Instant createdAt, Instant updatedAt) {

    /** What a user who never saved preferences in a tenant gets. */
    static Preferences defaults(UUID tenantId, UUID userId) {
        return new Preferences(tenantId, userId, "system", "en", "UTC", true, false, true, false, null, null);
    }
}
