package com.penguinmails.hub.security.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.web.RequestMetadata;
import com.penguinmails.hub.security.AuditActor;
import com.penguinmails.hub.security.AuditEntry;
import com.penguinmails.hub.security.AuditLog;
import com.penguinmails.hub.tenancy.StaffAccessedTenant;

/**
 * Records every staff visit to a tenant as {@code staff.accessed_tenant}. Synchronous on purpose: it
 * writes in the transaction that let the visit in, so there is no visit without its record.
 */
@Component
class StaffVisits {

    static final String ACTION = "staff.accessed_tenant";

    private final AuditLog auditLog;

    StaffVisits(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void on(StaffAccessedTenant visit) {
        Optional<RequestMetadata> request = RequestMetadata.current();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", visit.method());
        details.put("path", visit.path());
        auditLog.record(AuditEntry.of(visit.tenantId(), AuditActor.staff(visit.staffUserId()), ACTION)
                .withTarget("tenant", visit.tenantId())
                .withDetails(details)
                .withOrigin(visit.clientAddress(), request.map(RequestMetadata::userAgent).orElse(null),
                        request.map(RequestMetadata::requestId).orElse(null)));
    }
}
