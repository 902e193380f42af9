package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.tenancy.TenantRole;

/**
 * Re-roling and removing members (people join by invitation: {@link InvitingMembers}). Owners and
 * admins manage members; only an owner may grant, change or remove the owner role, and the last
 * owner can neither leave nor be demoted.
 */
@Service
class ManagingMembers {

    private final Memberships memberships;
    private final TenantTransactions transactions;
    private final Clock clock;

    ManagingMembers(Memberships memberships, TenantTransactions transactions, Clock clock) {
        this.memberships = memberships;
        this.transactions = transactions;
        this.clock = clock;
    }

    List<Membership> list(UUID tenantId) {
        return transactions.readInTenant(tenantId, () -> memberships.ofTenant(tenantId));
    }

    /** Changes a member's role; someone who is not a member is {@code 404 member_not_found}. */
    Membership changeRole(TenantAccess access, UUID userId, TenantRole role) {
        access.requireAdmin();
        return transactions.inTenant(access.tenantId(), () -> {
            Membership existing = memberships.find(access.tenantId(), userId)
                    .orElseThrow(() -> ApiProblem.notFound("member_not_found", "No such member in this tenant"));
            boolean owner = existing.roles().contains(TenantRole.OWNER);
            if ((role == TenantRole.OWNER || owner) && access.role().orElse(null) != TenantRole.OWNER) {
                throw ApiProblem.forbidden("owner_required", "Only an owner may grant or change the owner role");
            }
            if (owner && role != TenantRole.OWNER) {
                requireAnotherOwner(access.tenantId());
            }
            memberships.upsert(access.tenantId(), userId, List.of(role), clock.instant());
            return memberships.find(access.tenantId(), userId).orElseThrow();
        });
    }

    void remove(TenantAccess access, UUID userId) {
        boolean self = userId.equals(access.userId());
        if (!self) {
            access.requireAdmin();
        }
        transactions.inTenant(access.tenantId(), () -> {
            Membership existing = memberships.find(access.tenantId(), userId)
                    .orElseThrow(() -> ApiProblem.notFound("member_not_found", "No such member in this tenant"));
            if (existing.roles().contains(TenantRole.OWNER)) {
                if (!self && access.role().orElse(null) != TenantRole.OWNER) {
                    throw ApiProblem.forbidden("owner_required", "Only an owner may remove an owner");
                }
                requireAnotherOwner(access.tenantId());
            }
            memberships.delete(access.tenantId(), userId);
        });
    }

    private void requireAnotherOwner(UUID tenantId) {
        if (memberships.owners(tenantId) <= 1) {
            throw ApiProblem.conflict("last_owner", "A tenant must keep at least one owner");
        }
    }
}
