package com.penguinmails.hub.providerkeys.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One version of an integration's credential field, with its management metadata (no value). */
record ProviderKey(UUID tenantId, UUID id, UUID integrationId, String field, String environment,
                   List<String> permissions, String rotationSchedule, Instant expiresAt, String providerKeyId,
                   String state, String hint, String testOutcome, String testDetail, Instant activatedAt,
                   Instant revokeAfter, String revocation, int revocationAttempts, String revocationError,
                   Instant revokedAt, Instant erasedAt, Instant createdAt) {

    /** When the schedule asks for the next rotation, if it asks at all. */
    Optional<Instant> rotationDueAt() {
        return switch (rotationSchedule) {
            case "monthly" -> Optional.of(activatedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
            case "quarterly" -> Optional.of(activatedAt.atZone(ZoneOffset.UTC).plusMonths(3).toInstant());
            default -> Optional.empty();
        };
    }
}
