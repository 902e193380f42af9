package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.StaffAccessedTenant;
import com.penguinmails.hub.tenancy.TenantAccess;

/**
 * Decides how a signed-in user reaches a tenant: through their membership, or, for PenguinMails
 * staff, as a support visit announced as {@link StaffAccessedTenant} inside the transaction (the
 * audit log records it). Anyone else gets nothing, and the API answers 404, so a tenant's existence
 * does not leak.
 */
@Component
public class TenantAccessResolver {

    private final Memberships memberships;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final TenantTransactions transactions;
    private final Clock clock;

    TenantAccessResolver(Memberships memberships, Tenants tenants, ApplicationEventPublisher events,
                         TenantTransactions transactions, Clock clock) {
        this.memberships = memberships;
        this.tenants = tenants;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Optional<TenantAccess> resolve(UUID tenantId, CurrentUser user, String method, String path,
                                          String clientAddress) {
        Optional<Membership> membership = transactions.inCurrentScope(() -> memberships.find(tenantId, user.id()));
        if (membership.isPresent()) {
            return Optional.of(new TenantAccess(tenantId, user.id(), Optional.of(membership.get().role()), false));
        }
        if (!user.staff()) {
            return Optional.empty();
        }
        boolean exists = transactions.inTenant(tenantId, () -> {
            if (tenants.byId(tenantId).isEmpty()) {
                return false;
            }
            events.publishEvent(new StaffAccessedTenant(tenantId, user.id(), method, path, clientAddress,
                    clock.instant()));
            return true;
        });
        return exists ? Optional.of(new TenantAccess(tenantId, user.id(), Optional.empty(), true)) : Optional.empty();
    }
}
