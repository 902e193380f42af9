package com.penguinmails.hub.monitoring.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.monitoring.HealthChecks;

/**
 * Every node looks for due checks every {@code hub.monitoring.scheduler-interval}; the database claim
 * makes each integration's check run once per its interval across all nodes. The history older than
 * {@code hub.monitoring.retention} is trimmed every {@code retention-interval}.
 */
@Component
class HealthSchedule {

    private static final Logger log = LoggerFactory.getLogger(HealthSchedule.class);

    private final HealthChecks checks;
    private final HealthRecords records;
    private final MonitoringProperties properties;
    private final Clock clock;

    HealthSchedule(HealthChecks checks, HealthRecords records, MonitoringProperties properties, Clock clock) {
        this.checks = checks;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${hub.monitoring.scheduler-initial-delay:15s}",
            fixedDelayString = "${hub.monitoring.scheduler-interval:10s}")
    void runDue() {
        try {
            int ran;
            do {
                ran = checks.runDue();
            } while (ran >= properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Health checks could not run: {}", e.toString());
        }
    }

    @Scheduled(initialDelayString = "${hub.monitoring.retention-interval:1h}",
            fixedDelayString = "${hub.monitoring.retention-interval:1h}")
    void trim() {
        try {
            long deleted = records.purge(clock.instant().minus(properties.retention()));
            if (deleted > 0) {
                log.info("Monitoring history: {} row(s) older than {} deleted", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Monitoring history could not be trimmed: {}", e.toString());
        }
    }
}
