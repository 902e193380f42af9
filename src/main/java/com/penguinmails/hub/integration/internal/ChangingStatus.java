package com.penguinmails.hub.integration.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.IntegrationStatusChanged;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/** Moves an integration along its lifecycle, refusing what the transition table forbids. */
@Service
class ChangingStatus {

    private final Integrations integrations;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final IntegrationAudit audit;
    private final Clock clock;

    ChangingStatus(Integrations integrations, TenantTransactions transactions, ApplicationEventPublisher events,
                   IntegrationAudit audit, Clock clock) {
        this.audit = audit;
        this.integrations = integrations;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    Integration change(UUID tenantId, UUID id, IntegrationStatus to, StatusChanger by, String reason) {
        Instant now = clock.instant();
        return transactions.inTenant(tenantId, () -> {
            Integration current = integrations.lock(tenantId, id).orElseThrow(ConfiguringIntegrations::notFound);
            StatusTransitions.refusal(current.status(), to, by).ifPresent(why -> {
                throw ApiProblem.conflict("status_transition_refused",
                        "Cannot move from " + current.status().value() + " to " + to.value() + ": " + why)
                        .with("from", current.status().value()).with("to", to.value());
            });
            integrations.changeStatus(tenantId, id, current.status(), to, reason, now);
            events.publishEvent(new IntegrationStatusChanged(tenantId, id, current.provider(), current.status(), to,
                    by, reason, now));
            Integration changed = current.withStatus(to, reason, now);
            audit.statusChanged(current, changed, by.name().toLowerCase());
            return changed;
        });
    }
}
