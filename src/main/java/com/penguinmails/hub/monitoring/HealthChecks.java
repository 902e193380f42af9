package com.penguinmails.hub.monitoring;

import java.util.UUID;

/**
 * The health-check job. It runs on a schedule on every node ({@code hub.monitoring.scheduler-interval});
 * each integration's check is claimed in the database, so it runs once per interval across all nodes.
 */
public interface HealthChecks {

    /** Runs the checks that are due and that no other node claimed; answers how many ran. */
    int runDue();

    /** Checks one integration now (outside its schedule) and records the result; answers its status. */
    String checkNow(UUID tenantId, UUID integrationId);
}
