package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.MemberInvited;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.tenancy.TenantRole;

/**
 * Members join a tenant by invitation only. An owner or admin (with a verified address) invites an
 * email address with a role; only an owner may invite an owner. The invitation email carries a
 * single-use token (stored as its SHA-256) valid for {@code hub.tenancy.invitation-ttl}; inviting the
 * same address again replaces the open invitation. The person accepts while signed in with that very
 * address, verified. Nothing about accounts is looked up when inviting, so the answer is the same
 * whether or not someone with the address has an account; only a current member's address is refused
 * ({@code 409 already_member}), which the tenant's member list shows anyway.
 */
@Service
class InvitingMembers {

    private final Invitations invitations;
    private final Memberships memberships;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final TenancyProperties properties;
    private final Clock clock;

    InvitingMembers(Invitations invitations, Memberships memberships, Tenants tenants, TenantTransactions transactions,
                    ApplicationEventPublisher events, TenancyProperties properties, Clock clock) {
        this.invitations = invitations;
        this.memberships = memberships;
        this.tenants = tenants;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    Invitations.Invitation invite(TenantAccess access, String email, TenantRole role) {
        access.requireAdmin().requireVerifiedEmail();
        if (role == TenantRole.OWNER && access.role().orElse(null) != TenantRole.OWNER) {
            throw ApiProblem.forbidden("owner_required", "Only an owner may invite an owner");
        }
        String address = email.strip();
        Instant now = clock.instant();
        Instant expires = now.plus(properties.invitationTtl());
        UUID tenantId = access.tenantId();
        return transactions.inTenant(tenantId, () -> {
            if (memberships.emailIsMember(tenantId, address)) {
                throw ApiProblem.conflict("already_member", "A member of this tenant has this address");
            }
            Tenant tenant = tenants.byId(tenantId).orElseThrow(() -> ApiProblem.notFound("tenant_not_found",
                    "No such tenant"));
            invitations.revokeFor(tenantId, address, now);
            UUID id = UUID.randomUUID();
            String token = OpaqueTokens.generate();
            invitations.insert(tenantId, id, OpaqueTokens.hash(token), address, role, access.userId(), now, expires);
            String inviter = CurrentUser.get().map(CurrentUser::name).orElse(null);
            events.publishEvent(new MemberInvited(tenantId, tenant.name(), id, address, role.value(), inviter, token,
                    expires));
            return new Invitations.Invitation(tenantId, id, address, role, access.userId(), now, expires, null, null);
        });
    }

    List<Invitations.Invitation> open(TenantAccess access) {
        access.requireAdmin();
        return transactions.readInTenant(access.tenantId(), () -> invitations.open(access.tenantId(), clock.instant()));
    }

    void revoke(TenantAccess access, UUID invitationId) {
        access.requireAdmin();
        boolean revoked = transactions.inTenant(access.tenantId(),
                () -> invitations.revoke(access.tenantId(), invitationId, clock.instant()));
        if (!revoked) {
            throw notFound();
        }
    }

    /** Spends the invitation for the signed-in user; answers their membership (an existing one is kept as it is). */
    Membership accept(CurrentUser user, String token) {
        user.requireVerifiedEmail();
        Instant now = clock.instant();
        Invitations.Key key = transactions.inCurrentScope(() -> invitations.locate(OpaqueTokens.hash(token)))
                .orElseThrow(InvitingMembers::notFound);
        return transactions.inTenant(key.tenantId(), () -> {
            Invitations.Invitation invitation = invitations.lock(key.tenantId(), key.id())
                    .filter(i -> i.open(now)).orElseThrow(InvitingMembers::notFound);
            if (!invitation.email().equalsIgnoreCase(user.email())) {
                throw ApiProblem.forbidden("invitation_for_another_address",
                        "This invitation is for another email address; sign in with the invited address");
            }
            if (memberships.find(key.tenantId(), user.id()).isEmpty()) {
                memberships.upsert(key.tenantId(), user.id(), List.of(invitation.role()), now);
            }
            invitations.accept(key.tenantId(), key.id(), user.id(), now);
            return memberships.find(key.tenantId(), user.id()).orElseThrow();
        });
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("invitation_not_found", "This invitation is invalid, expired, revoked or already used");
    }
}
