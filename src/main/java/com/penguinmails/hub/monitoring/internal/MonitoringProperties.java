package com.penguinmails.hub.monitoring.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of monitoring, bound from {@code hub.monitoring.*} (environment {@code HUB_MONITORING_*}).
 * Each integration's own interval and thresholds are its {@code monitoring} settings in the registry.
 *
 * @param schedulerInterval     how often each node looks for due health checks
 * @param schedulerInitialDelay how long after start-up it first looks
 * @param batchSize             most checks a node claims per look
 * @param window                the window over which error rate and response time are measured
 * @param uptimeWindow          the window of the uptime percentage (share of checks not unhealthy)
 * @param minRequests           fewest calls in the window for the error rate to count
 * @param retention             how long health records and traffic counts are kept
 * @param retentionInterval     how often the history is trimmed (once per interval across all nodes)
 * @param trafficFlushInterval  how often a node writes the traffic counts it gathered
 * @param probeTimeout          time a probe's call may take
 * @param maxTrendPoints        most buckets a trend may have (range ÷ bucket)
 * @param maxTrendRange         longest trend range
 * @param notifyByEmail         email the tenant's owners and admins when an alert is raised or resolved
 */
@ConfigurationProperties("hub.monitoring")
public record MonitoringProperties(
        @DefaultValue("10s") Duration schedulerInterval,
        @DefaultValue("15s") Duration schedulerInitialDelay,
        @DefaultValue("20") int batchSize,
        @DefaultValue("15m") Duration window,
        @DefaultValue("24h") Duration uptimeWindow,
        @DefaultValue("5") int minRequests,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration retentionInterval,
        @DefaultValue("5s") Duration trafficFlushInterval,
        @DefaultValue("10s") Duration probeTimeout,
        @DefaultValue("1000") int maxTrendPoints,
        @DefaultValue("30d") Duration maxTrendRange,
        @DefaultValue("true") boolean notifyByEmail) {
}
