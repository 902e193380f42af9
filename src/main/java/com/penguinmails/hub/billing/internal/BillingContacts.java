package com.penguinmails.hub.billing.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.tenancy.TenantMembers;

/** Who hears about the tenant's billing: its billing email when set, else its owners and admins. */
@Component
class BillingContacts {

    private final BillingProfiles profiles;
    private final TenantMembers members;

    BillingContacts(BillingProfiles profiles, TenantMembers members) {
        this.profiles = profiles;
        this.members = members;
    }

    List<String> of(UUID tenantId) {
        return profiles.billingEmail(tenantId).map(List::of)
                .orElseGet(() -> members.adminEmails(tenantId));
    }
}
