package com.penguinmails.hub.platform.database;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way modules run database work for a tenant: binds the tenant, opens a transaction that
 * carries it into PostgreSQL, and restores the previous scope afterwards.
 */
public class TenantTransactions {

    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    TenantTransactions(PlatformTransactionManager transactionManager) {
        this.readWrite = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    /** Runs {@code work} in a read-write transaction scoped to {@code tenantId}. */
    public <T> T inTenant(UUID tenantId, Supplier<T> work) {
        try (TenantScope.Binding ignored = TenantScope.bindTenant(tenantId)) {
            return readWrite.execute(status -> work.get());
        }
    }

    public void inTenant(UUID tenantId, Runnable work) {
        inTenant(tenantId, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} in a read-only transaction scoped to {@code tenantId}. */
    public <T> T readInTenant(UUID tenantId, Supplier<T> work) {
        try (TenantScope.Binding ignored = TenantScope.bindTenant(tenantId)) {
            return readOnly.execute(status -> work.get());
        }
    }

    /** Runs {@code work} in a transaction with whatever scope is already bound (possibly none). */
    public <T> T inCurrentScope(Supplier<T> work) {
        return readWrite.execute(status -> work.get());
    }

    public void inCurrentScope(Runnable work) {
        inCurrentScope(() -> {
            work.run();
            return null;
        });
    }
}
