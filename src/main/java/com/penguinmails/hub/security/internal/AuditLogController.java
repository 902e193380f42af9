package com.penguinmails.hub.security.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.security.internal.SecurityApi.AuditEntryView;
import com.penguinmails.hub.security.internal.SecurityApi.AuditPage;
import com.penguinmails.hub.tenancy.TenantAccess;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/audit-log")
@RequiredScope(Scope.AUDIT_READ)
@Tag(name = "Audit log", description = "Who changed what in the tenant; owners, admins, staff and audit:read keys")
class AuditLogController {

    static final String NDJSON = "application/x-ndjson";
    private static final int EXPORT_BATCH = 500;

    private final AuditRecords records;
    private final TenantTransactions transactions;
    private final JsonMapper json;

    AuditLogController(AuditRecords records, TenantTransactions transactions, JsonMapper json) {
        this.records = records;
        this.transactions = transactions;
        this.json = json;
    }

    @GetMapping
    @Operation(operationId = "listAuditLog", summary = "Audit entries, newest first, filtered, one page at a time (cursor from nextCursor)")
    AuditPage list(@PathVariable UUID tenantId,
                   @RequestParam(required = false) @Size(max = 100) String action,
                   @RequestParam(required = false) UUID actorId,
                   @RequestParam(required = false) @Size(max = 100) String targetType,
                   @RequestParam(required = false) @Size(max = 200) String targetId,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                   @RequestParam(required = false) @Size(max = 200) String cursor,
                   @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        requireReader();
        AuditCursor after = cursor == null || cursor.isEmpty() ? null : AuditCursor.decode(cursor);
        List<AuditRecords.StoredEntry> rows = transactions.readInTenant(tenantId, () -> records.page(
                new AuditRecords.Query(tenantId, action, actorId, targetType, targetId, from, to, after, limit + 1)));
        boolean more = rows.size() > limit;
        List<AuditRecords.StoredEntry> page = more ? rows.subList(0, limit) : rows;
        String next = more ? new AuditCursor(page.get(limit - 1).occurredAt(), page.get(limit - 1).id()).encode() : null;
        return new AuditPage(page.stream().map(AuditEntryView::of).toList(), next);
    }

    @GetMapping(path = "/export", produces = NDJSON)
    @Operation(operationId = "exportAuditLog", summary = "Every matching entry as JSON Lines (one entry per line), newest first, streamed")
    void export(@PathVariable UUID tenantId,
                @RequestParam(required = false) @Size(max = 100) String action,
                @RequestParam(required = false) UUID actorId,
                @RequestParam(required = false) @Size(max = 100) String targetType,
                @RequestParam(required = false) @Size(max = 200) String targetId,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                HttpServletResponse response) throws IOException {
        requireReader();
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log-" + tenantId + ".jsonl\"");
        OutputStream out = response.getOutputStream();
        AuditCursor after = null;
        while (true) {
            AuditRecords.Query query = new AuditRecords.Query(tenantId, action, actorId, targetType, targetId, from, to,
                    after, EXPORT_BATCH);
            List<AuditRecords.StoredEntry> batch = transactions.readInTenant(tenantId, () -> records.page(query));
            for (AuditRecords.StoredEntry entry : batch) {
                out.write(json.writeValueAsBytes(AuditEntryView.of(entry)));
                out.write('\n');
            }
            out.flush();
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
            AuditRecords.StoredEntry last = batch.get(batch.size() - 1);
            after = new AuditCursor(last.occurredAt(), last.id());
        }
    }

    /** Owners and admins, visiting staff, and API keys with audit:read (checked before the handler). */
    private static void requireReader() {
        TenantAccess access = TenantAccess.require();
        if (!access.staffVisit()) {
            access.requireAdmin();
        }
    }
}
