package com.penguinmails.hub.monitoring;

import static com.penguinmails.hub.testkit.TestDatabase.count;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderCallFailed;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.ProviderStubs;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MonitoringIntegrationTests extends HubIntegrationTest {

    @Autowired
    ProviderGateway gateway;

    @Test
    void aFailingProviderTurnsUnhealthyRaisesOneConnectivityAlertAndResolvesItWhenItRecovers() throws Exception {
        MonitoredTenant t = new MonitoredTenant(hub(), "Watched");

        JsonNode healthy = t.check().body();
        assertThat(healthy.get("status").asString()).isEqualTo("healthy");
        assertThat(healthy.get("probe").asString()).isEqualTo("up");
        assertThat(healthy.get("requestsTotal").asLong()).as("the probe's own call is traffic").isGreaterThanOrEqualTo(1);

        t.providerAnswers(503);
        JsonNode unhealthy = t.check().body();
        assertThat(unhealthy.get("status").asString()).isEqualTo("unhealthy");
        assertThat(unhealthy.get("probe").asString()).isEqualTo("down");
        assertThat(unhealthy.get("reasons").toString()).contains("health check failed");
        t.check(); // still failing: the same alert counts another occurrence

        JsonNode open = t.alerts("open").body();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("type").asString()).isEqualTo("connectivity");
        assertThat(open.get(0).get("severity").asString()).isIn("high", "critical");
        assertThat(open.get(0).get("occurrences").asInt()).isEqualTo(2);
        assertThat(events(t, "integration.alert_raised")).as("raised once, not per occurrence").isEqualTo(1);
        assertThat(emails(t.owner.email(), "integration_alert_raised")).isEqualTo(1);

        t.providerAnswers(200);
        JsonNode recovered = t.check().body();
        assertThat(recovered.get("status").asString()).as(recovered.toString()).isEqualTo("healthy");
        assertThat(t.alerts("open").body()).isEmpty();
        JsonNode resolved = t.alerts("resolved").body();
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).get("resolvedBy").asString()).isEqualTo("health_check");
        assertThat(events(t, "integration.alert_resolved")).isEqualTo(1);
        assertThat(emails(t.owner.email(), "integration_alert_resolved")).isEqualTo(1);

        // the outbound event carries the alert, not a secret
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response messages = hub().get(t.base() + "/webhook-endpoints/" + t.endpoint + "/messages", t.owner.token());
            assertThat(messages.body().get("messages")).hasSize(2);
        });
    }

    @Test
    void errorRateOverTheWindowComesFromTheGatewaysRealTraffic() throws Exception {
        MonitoredTenant t = new MonitoredTenant(hub(), "Busy");
        for (int i = 0; i < 6; i++) {
            call(t, t.trafficPath(200));
        }
        for (int i = 0; i < 4; i++) {
            try {
                call(t, t.trafficPath(500));
            } catch (ProviderCallFailed expected) {
                // counted as a failure
            }
        }
        call(t, t.trafficPath(404)); // the caller's own mistake: a request, not a provider failure

        JsonNode health = t.check().body();
        assertThat(health.get("requestsTotal").asLong()).isEqualTo(12); // 11 calls and the probe
        assertThat(health.get("requestsFailed").asLong()).isEqualTo(4);
        assertThat(health.get("errorRate").asDouble()).isCloseTo(4 / 12.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(health.get("status").asString()).as("33% > 2 × 10%").isEqualTo("unhealthy");
        JsonNode open = t.alerts("open").body();
        assertThat(open).extracting(a -> a.get("type").asString()).containsExactly("error_rate");
        assertThat(open.get(0).get("severity").asString()).isEqualTo("high");

        // the trends see the same calls, in 5-minute buckets over the last hour
        Response trends = hub().get(t.base() + "/monitoring/trends?range=1h&bucket=5m&integrationId=" + t.integration,
                t.owner.token());
        assertThat(trends.status()).as(trends.raw().body()).isEqualTo(200);
        JsonNode throughput = trends.body().get("throughput");
        assertThat(throughput).hasSize(12);
        double calls = 0;
        for (JsonNode point : throughput) {
            calls += point.path("value").asDouble(0) * 5;
        }
        assertThat(calls).isCloseTo(12, org.assertj.core.data.Offset.offset(1e-6));
        JsonNode lastErrorRate = trends.body().get("errorRate");
        boolean sawErrors = false;
        for (JsonNode point : lastErrorRate) {
            sawErrors |= point.has("value") && point.get("value").asDouble() > 0;
        }
        assertThat(sawErrors).isTrue();
        assertThat(trends.body().get("bucketSeconds").asLong()).isEqualTo(300);
    }

    @Test
    void badBucketsAndRangesAre400s() {
        MonitoredTenant t = new MonitoredTenant(hub(), "Picky");
        for (String query : List.of("range=1h&bucket=5x", "range=ten&bucket=5m", "range=1h&bucket=2h",
                "range=30d&bucket=1m", "range=90d&bucket=1d", "range=1h&bucket=30s")) {
            Response refused = hub().get(t.base() + "/monitoring/trends?" + query, t.owner.token());
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.code()).as(query).isEqualTo("validation_failed");
            Response dashboard = hub().get(t.base() + "/monitoring/dashboard?" + query, t.owner.token());
            assertThat(dashboard.status()).as(query).isEqualTo(400);
        }
        assertThat(hub().get(t.base() + "/monitoring/trends?range=7d&bucket=1h", t.owner.token()).status())
                .isEqualTo(200);
        assertThat(hub().get(t.base() + "/monitoring/integrations/" + UUID.randomUUID(), t.owner.token()).status())
                .isEqualTo(404);
        assertThat(hub().post(t.base() + "/monitoring/integrations/" + UUID.randomUUID() + "/check", Map.of(),
                t.owner.token()).status()).isEqualTo(404);
        // an inactive integration is not checked (it would only fail at the gateway)
        Response paused = hub().post(t.base() + "/integrations/" + t.integration + "/status",
                Map.of("status", "inactive", "reason", "paused"), t.owner.token());
        assertThat(paused.status()).as(paused.raw().body()).isEqualTo(200);
        Response refused = hub().post(t.base() + "/monitoring/integrations/" + t.integration + "/check", Map.of(),
                t.owner.token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("integration_not_watched");
    }

    @Test
    void theDashboardSummarisesTheTenantsIntegrations() {
        MonitoredTenant t = new MonitoredTenant(hub(), "Summary");
        t.check();
        Response dashboard = hub().get(t.base() + "/monitoring/dashboard", t.owner.token());
        assertThat(dashboard.status()).as(dashboard.raw().body()).isEqualTo(200);
        JsonNode summary = dashboard.body().get("summary");
        assertThat(summary.get("totalIntegrations").asInt()).isEqualTo(1);
        assertThat(summary.get("activeIntegrations").asInt()).isEqualTo(1);
        assertThat(summary.get("failingIntegrations").asInt()).isZero();
        assertThat(summary.get("averageHealthScore").asDouble()).isEqualTo(100.0);
        JsonNode row = dashboard.body().get("integrations").get(0);
        assertThat(row.get("health").get("status").asString()).isEqualTo("healthy");
        assertThat(row.get("health").get("uptimePercentage").asDouble()).isEqualTo(100.0);
        assertThat(dashboard.body().get("performanceTrends").get("responseTime")).hasSize(24);
        assertThat(dashboard.raw().body()).doesNotContain("key-");

        t.providerAnswers(500);
        t.check();
        JsonNode after = hub().get(t.base() + "/monitoring/dashboard", t.owner.token()).body();
        assertThat(after.get("summary").get("failingIntegrations").asInt()).isEqualTo(1);
        assertThat(after.get("summary").get("averageHealthScore").asDouble()).isLessThan(100.0);
        assertThat(after.get("recentAlerts")).hasSize(1);
        assertThat(after.get("integrations").get(0).get("openAlerts").asInt()).isEqualTo(1);

        // another tenant sees none of it
        var stranger = hub().signedInUser("Stranger");
        assertThat(hub().get(t.base() + "/monitoring/dashboard", stranger.token()).status()).isEqualTo(404);
    }

    @Test
    void anAlertResolvedByHandNotifiesAndCannotBeResolvedTwice() throws Exception {
        MonitoredTenant t = new MonitoredTenant(hub(), "Manual");
        t.providerAnswers(500);
        t.check();
        String id = t.alerts("open").body().get(0).get("id").asString();
        Response resolved = hub().post(t.base() + "/alerts/" + id + "/resolve", Map.of(), t.owner.token());
        assertThat(resolved.status()).as(resolved.raw().body()).isEqualTo(200);
        assertThat(hub().post(t.base() + "/alerts/" + id + "/resolve", Map.of(), t.owner.token()).status())
                .isEqualTo(404);
        assertThat(events(t, "integration.alert_resolved")).isEqualTo(1);
        assertThat(t.alerts("resolved").body().get(0).get("resolvedBy").asString()).startsWith("user:");
        // still failing: the next check opens a new alert
        t.check();
        assertThat(t.alerts("open").body()).hasSize(1);
        assertThat(events(t, "integration.alert_raised")).isEqualTo(2);
    }

    private void call(MonitoredTenant t, String path) {
        gateway.call(new ProviderCall(t.tenant, t.integration, "mailgun", "mailgun.test", HttpRequest.newBuilder(
                URI.create(ProviderStubs.mailgunUs() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                Urgency.BACKGROUND, null).accepting(404));
    }

    private static long events(MonitoredTenant t, String type) throws Exception {
        return count("select count(*) from webhook_events where tenant_id = ? and event_type = ?", t.tenant, type);
    }

    private static long emails(String to, String kind) throws Exception {
        return count("select count(*) from system_emails where lower(to_address) = lower(?) and kind = ?", to, kind);
    }
}
