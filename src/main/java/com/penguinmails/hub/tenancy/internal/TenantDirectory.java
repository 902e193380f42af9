package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.CurrentUser;

/** Reading and changing tenants the signed-in user can reach. */
@Service
class TenantDirectory {

    private final Tenants tenants;
    private final Memberships memberships;
    private final TenantTransactions transactions;
    private final Clock clock;

    TenantDirectory(Tenants tenants, Memberships memberships, TenantTransactions transactions, Clock clock) {
        this.tenants = tenants;
        this.memberships = memberships;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The user's memberships, with no tenant in scope: RLS lets a user read their own. */
    List<Membership> mine(CurrentUser user) {
        return transactions.inCurrentScope(() -> memberships.ofUser(user.id()));
    }

    Tenant get(UUID tenantId) {
        return transactions.readInTenant(tenantId, () -> tenants.byId(tenantId)).orElseThrow(TenantDirectory::notFound);
    }

    Tenant update(UUID tenantId, String name, String domain, Map<String, Object> settings) {
        return transactions.inTenant(tenantId, () -> {
            Tenant current = tenants.byId(tenantId).orElseThrow(TenantDirectory::notFound);
            Tenant changed = new Tenant(tenantId, name.strip(),
                    domain == null ? current.domain() : domain.strip().toLowerCase(),
                    settings == null ? current.settings() : settings, current.status(), current.createdAt(),
                    clock.instant());
            tenants.update(changed, changed.updatedAt());
            return changed;
        });
    }

    static ApiProblem notFound() {
        return ApiProblem.notFound("tenant_not_found", "No such tenant");
    }
}
