/**
 * Monitoring: integration alerts (one open alert per integration and type, resolved automatically
 * or by hand) raised from the other modules' events. Health checks, trends and the dashboard build
 * on it (the monitoring issue).
 */
package com.penguinmails.hub.monitoring;
