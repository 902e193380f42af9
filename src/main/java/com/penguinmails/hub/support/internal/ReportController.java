package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/** The support report for a date range (staff). */
@RestController
@Tag(name = "Support desk")
class ReportController {

    private static final Duration MAX_RANGE = Duration.ofDays(366);

    private final SupportReports reports;
    private final TenantTransactions transactions;
    private final Clock clock;

    ReportController(SupportReports reports, TenantTransactions transactions, Clock clock) {
        this.reports = reports;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping("/api/v1/support/desk/reports")
    @Operation(operationId = "getSupportReport", summary = "Requests, response and resolution times, CSAT, SLA compliance, breakdowns, KB deflection and cost for [from, to)",
            description = "from and to are instants (2026-12-01T00:00:00Z) or plain UTC dates: from=2026-12-01 starts at "
                    + "that day's first moment, to=2026-12-31 includes that whole day")
    SupportReports.Report report(@RequestParam("from") String fromText, @RequestParam("to") String toText,
                                 @RequestParam(required = false) UUID tenantId) {
        DeskController.requireStaff();
        Instant from = moment("from", fromText, false);
        Instant to = moment("to", toText, true);
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem("to",
                    "must be after from, at most 366 days later")));
        }
        return transactions.inCurrentScope(() -> reports.report(from, to, tenantId, clock.instant()));
    }

    /** An instant, or a plain date in UTC: its first moment, or for the end of a period the first moment after it. */
    private static Instant moment(String field, String text, boolean endOfPeriod) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            try {
                java.time.LocalDate day = java.time.LocalDate.parse(text);
                return (endOfPeriod ? day.plusDays(1) : day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.DateTimeException notADate) {
                throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem(field,
                        "must be an instant (2026-12-01T00:00:00Z) or a date (2026-12-01)")));
            }
        }
    }
}
