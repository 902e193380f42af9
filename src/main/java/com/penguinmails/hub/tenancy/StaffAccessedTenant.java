package com.penguinmails.hub.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * PenguinMails staff opened a tenant they are not a member of. Published synchronously inside the
 * transaction that checked the tenant exists, with that tenant in scope, so a listener that records
 * the visit (the audit log) commits or rolls back with it.
 */
public record StaffAccessedTenant(UUID tenantId, UUID staffUserId, String method, String path,
                                  String clientAddress, Instant occurredAt) {
}
