package com.penguinmails.hub.security;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a secret lives: its tenant, table, row and field. It is bound into the ciphertext as
 * associated data, so a sealed value copied to another field, row or tenant no longer opens.
 */
public record SecretContext(UUID tenantId, String table, UUID rowId, String field) {

    public SecretContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(field, "field");
    }

    public byte[] associatedData() {
        return ("pm-hub/secret/v1|" + tenantId + "|" + table + "|" + rowId + "|" + field)
                .getBytes(StandardCharsets.UTF_8);
    }
}
