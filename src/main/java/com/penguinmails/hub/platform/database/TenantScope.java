package com.penguinmails.hub.platform.database;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant and user the current thread works for. Every transaction the hub opens copies them
 * into PostgreSQL ({@code nile.tenant_id}, {@code hub.user_id}, transaction-local) where the
 * row-level-security policies read them. With nothing bound, tenant tables read as empty.
 *
 * <p>Bind before the transaction starts: a transaction keeps the scope it began with, so binding a
 * different tenant inside one is refused rather than silently ignored.
 */
public final class TenantScope {

    private static final ThreadLocal<UUID> TENANT = new ThreadLocal<>();
    private static final ThreadLocal<UUID> USER = new ThreadLocal<>();

    private TenantScope() {
    }

    public static Optional<UUID> tenantId() {
        return Optional.ofNullable(TENANT.get());
    }

    public static Optional<UUID> userId() {
        return Optional.ofNullable(USER.get());
    }

    /** Binds the tenant until the returned binding is closed, which restores the previous one. */
    public static Binding bindTenant(UUID tenantId) {
        return bind(TENANT, tenantId);
    }

    /** Binds the signed-in user until the returned binding is closed. */
    public static Binding bindUser(UUID userId) {
        return bind(USER, userId);
    }

    private static Binding bind(ThreadLocal<UUID> slot, UUID value) {
        UUID previous = slot.get();
        if (!Objects.equals(previous, value) && TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Tenant scope cannot change inside a running transaction");
        }
        slot.set(value);
        return () -> {
            if (previous == null) {
                slot.remove();
            } else {
                slot.set(previous);
            }
        };
    }

    /** An active binding; closing it restores what was bound before. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
