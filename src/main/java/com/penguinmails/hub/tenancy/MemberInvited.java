package com.penguinmails.hub.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * An owner or admin invited an email address to a tenant. Published inside the transaction that
 * stored the invitation, so the invitation email is queued exactly when it commits.
 *
 * @param invitationToken the single-use token the email carries; stored only as a hash
 */
public record MemberInvited(UUID tenantId, String tenantName, UUID invitationId, String email, String role,
                            String invitedByName, String invitationToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "MemberInvited[tenantId=" + tenantId + ", invitationId=" + invitationId + "]";
    }
}
