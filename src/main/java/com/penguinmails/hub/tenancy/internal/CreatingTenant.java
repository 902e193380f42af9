package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantCreated;
import com.penguinmails.hub.tenancy.TenantRole;

/**
 * Creates a tenant with its creator as owner. The new id is bound as the transaction's tenant
 * before anything is written, so row-level security admits exactly this tenant's rows.
 */
@Service
class CreatingTenant {

    private final Tenants tenants;
    private final Memberships memberships;
    private final UserAccounts users;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CreatingTenant(Tenants tenants, Memberships memberships, UserAccounts users, TenantTransactions transactions,
                   ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.memberships = memberships;
        this.users = users;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    Tenant create(CurrentUser creator, String name, String domain, Map<String, Object> settings) {
        Instant now = clock.instant();
        String effectiveDomain = domain != null ? domain.strip().toLowerCase() : domainOf(creator.email());
        Tenant tenant = new Tenant(UUID.randomUUID(), name.strip(), effectiveDomain,
                settings == null ? Map.of() : settings, "active", now, now);
        return transactions.inTenant(tenant.id(), () -> {
            tenants.insert(tenant);
            memberships.upsert(tenant.id(), creator.id(), List.of(TenantRole.OWNER), now);
            users.completeOnboarding(creator.id(), now);
            events.publishEvent(new TenantCreated(tenant.id(), tenant.name(), creator.id()));
            return tenant;
        });
    }

    private static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).toLowerCase();
    }
}
