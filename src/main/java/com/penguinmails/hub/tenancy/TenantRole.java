package com.penguinmails.hub.tenancy;

import java.util.Arrays;
import java.util.Optional;

/** A member's role in a tenant. The permission table is in the README. */
public enum TenantRole {
    OWNER, ADMIN, MEMBER, VIEWER;

    public String value() {
        return name().toLowerCase();
    }

    public static Optional<TenantRole> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst();
    }

    /** Whether this role may change the tenant's data (everything but viewing). */
    public boolean canWrite() {
        return this != VIEWER;
    }

    /** Whether this role may add, re-role and remove members and change tenant settings. */
    public boolean canAdminister() {
        return this == OWNER || this == ADMIN;
    }

    /** The strongest of several roles. */
    public static TenantRole strongest(Iterable<TenantRole> roles) {
        TenantRole best = null;
        for (TenantRole role : roles) {
            if (best == null || role.ordinal() < best.ordinal()) {
                best = role;
            }
        }
        return best;
    }
}
