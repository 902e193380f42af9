package com.penguinmails.hub.security.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.penguinmails.hub.platform.auth.ApiKeyCaller;
import com.penguinmails.hub.platform.database.TenantScope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.RequestMetadata;
import com.penguinmails.hub.security.AuditActor;
import com.penguinmails.hub.security.AuditEntry;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantAccess;

/** The {@link AuditLog} other modules use. Times come from the injected clock, at microsecond precision. */
@Service
class AuditLogWriter implements AuditLog {

    private final AuditRecords records;
    private final TenantTransactions transactions;
    private final Clock clock;

    AuditLogWriter(AuditRecords records, TenantTransactions transactions, Clock clock) {
        this.records = records;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void record(AuditEntry entry) {
        UUID id = UUID.randomUUID();
        var at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            if (!TenantScope.tenantId().map(entry.tenantId()::equals).orElse(false)) {
                throw new IllegalStateException("An audit entry must be recorded in a transaction of its own tenant");
            }
            records.insert(id, at, entry);
        } else {
            transactions.inTenant(entry.tenantId(), () -> records.insert(id, at, entry));
        }
    }

    @Override
    public AuditEntry forRequest(UUID tenantId, String action) {
        Optional<RequestMetadata> origin = RequestMetadata.current();
        return AuditEntry.of(tenantId, currentActor(tenantId), action).withOrigin(
                origin.map(RequestMetadata::clientAddress).orElse(null),
                origin.map(RequestMetadata::userAgent).orElse(null),
                origin.map(RequestMetadata::requestId).orElse(null));
    }

    private static AuditActor currentActor(UUID tenantId) {
        Optional<ApiKeyCaller> key = ApiKeyCaller.current();
        if (key.isPresent()) {
            return AuditActor.apiKey(key.get().keyId());
        }
        Optional<CurrentUser> user = CurrentUser.get();
        if (user.isPresent()) {
            boolean staffVisit = TenantAccess.current()
                    .filter(access -> access.tenantId().equals(tenantId) && access.staffVisit()).isPresent();
            return staffVisit ? AuditActor.staff(user.get().id()) : AuditActor.user(user.get().id());
        }
        return AuditActor.system();
    }
}
