/**
 * Monitoring: scheduled health checks of every integration through provider probes
 * ({@link com.penguinmails.hub.monitoring.HealthProbe}, the SPI provider modules implement), health
 * computed from the probes and from the gateway's real traffic, history kept for trends, the hub's
 * one alert store ({@link com.penguinmails.hub.monitoring.Alerts}: one open alert per integration and
 * type, resolved automatically or by hand, admins notified by email and outbound events), and the
 * dashboard API the console draws.
 */
package com.penguinmails.hub.monitoring;
