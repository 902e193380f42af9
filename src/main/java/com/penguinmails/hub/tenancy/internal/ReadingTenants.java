package com.penguinmails.hub.tenancy.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.tenancy.TenantMembers;
import com.penguinmails.hub.tenancy.TenantRole;
import com.penguinmails.hub.tenancy.TenantSettings;

/** Tenant settings and memberships as other modules read them, each inside the tenant's own scope. */
@Service
class ReadingTenants implements TenantSettings, TenantMembers {

    private final Tenants tenants;
    private final Memberships memberships;
    private final TenantTransactions transactions;

    ReadingTenants(Tenants tenants, Memberships memberships, TenantTransactions transactions) {
        this.tenants = tenants;
        this.memberships = memberships;
        this.transactions = transactions;
    }

    @Override
    public boolean analyticsOptOut(UUID tenantId) {
        return transactions.readInTenant(tenantId, () -> tenants.byId(tenantId))
                .map(tenant -> Boolean.TRUE.equals(tenant.settings().get(ANALYTICS_OPT_OUT)))
                .orElse(false);
    }

    @Override
    public Optional<TenantRole> roleOf(UUID tenantId, UUID userId) {
        return transactions.readInTenant(tenantId, () -> memberships.find(tenantId, userId)).map(Membership::role);
    }

    @Override
    public java.util.List<Contact> administrators(UUID tenantId) {
        return transactions.readInTenant(tenantId, () -> memberships.ofTenant(tenantId)).stream()
                .filter(m -> m.role().canAdminister())
                .map(m -> new Contact(m.userId(), m.userName(), m.email()))
                .toList();
    }
}
