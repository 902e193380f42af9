package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * The SLA job. Each pass claims tickets whose next SLA check is due ({@code claim_support_sla_checks}:
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so nodes share the work and a dead node's claims lapse),
 * then evaluates each inside its tenant's transaction. A warning or breach is recorded under a unique
 * key, and announced only by the transaction whose insert took: once, whatever the number of nodes.
 */
@Component
class SlaMonitor {

    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

    private final SlaEvents slaEvents;
    private final TicketDesk desk;
    private final TenantTransactions transactions;
    private final SupportProperties.Sla sla;
    private final Clock clock;

    SlaMonitor(SlaEvents slaEvents, TicketDesk desk, TenantTransactions transactions, SupportProperties properties,
               Clock clock) {
        this.slaEvents = slaEvents;
        this.desk = desk;
        this.transactions = transactions;
        this.sla = properties.sla();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${hub.support.sla.initial-delay:30s}",
            fixedDelayString = "${hub.support.sla.check-interval:30s}")
    void scheduled() {
        try {
            int announced;
            do {
                announced = runOnce(clock.instant());
            } while (announced >= sla.batchSize());
        } catch (RuntimeException e) {
            log.error("The SLA check failed; trying again at the next interval", e);
        }
    }

    /** One pass at {@code now}; answers how many tickets it claimed. */
    int runOnce(Instant now) {
        List<Tickets.TicketRef> due = transactions.inCurrentScope(
                () -> slaEvents.claim(now, (int) sla.lease().toSeconds(), sla.batchSize()));
        for (Tickets.TicketRef ref : due) {
            try {
                transactions.inTenant(ref.tenantId(), () -> desk.evaluateSla(ref.tenantId(), ref.ticketId(), now));
            } catch (RuntimeException e) {
                log.warn("SLA check of ticket {} failed; it is retried when its lease ends", ref.ticketId(), e);
            }
        }
        return due.size();
    }
}
