package com.penguinmails.hub.platform;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and tools rely on: probes, metrics, the API description and the console pages. */
class OperationsEndpointsIntegrationTests extends HubIntegrationTest {

    @Test
    void probesReportUpAndReadinessIncludesTheDatabase() {
        assertThat(hub().get("/actuator/health/liveness", null).body().get("status").asString()).isEqualTo("UP");
        assertThat(hub().get("/actuator/health/readiness", null).body().get("status").asString()).isEqualTo("UP");
        assertThat(hub().get("/actuator/health", null).body().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposed() {
        Response metrics = hub().get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("hikaricp_connections").contains("http_server_requests");
    }

    @Test
    void theOpenApiDescriptionListsTheApi() {
        Response docs = hub().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("info").get("title").asString()).contains("PenguinMails");
        assertThat(docs.body().get("paths").propertyNames())
                .contains("/api/v1/auth/signup", "/api/v1/me", "/api/v1/tenants/{tenantId}/members/{userId}");
        assertThat(hub().get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void theConsolePagesAreServed() {
        Response index = hub().get("/console/", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.raw().body()).contains("PenguinMails Hub");
        Response verify = hub().get("/console/verify-email?token=abc", null);
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.raw().body()).contains("/api/v1/auth/verify-email");
    }

    @Test
    void theBenchmarksNoOpEndpointIsAbsentUnlessTheBenchmarkSettingTurnsItOn() {
        Response noOp = hub().post("/bench/noop", java.util.Map.of("event", "opened"), null);
        assertThat(noOp.status()).as(noOp.raw().body()).isEqualTo(404);
    }
}
