package com.penguinmails.hub.tenancy;

import java.util.UUID;

/**
 * What other modules read of a tenant's {@code settings}. Each switch is a member of the tenant's
 * settings object, changed with {@code PUT /api/v1/tenants/{tenantId}} by its owners and admins.
 */
public interface TenantSettings {

    /** The settings member that stops product analytics for the tenant's users: {@code "analyticsOptOut": true}. */
    String ANALYTICS_OPT_OUT = "analyticsOptOut";

    /**
     * Whether the tenant asked that nothing about its users be sent to product analytics. An unknown
     * tenant answers false (it has no users to protect).
     */
    boolean analyticsOptOut(UUID tenantId);
}
