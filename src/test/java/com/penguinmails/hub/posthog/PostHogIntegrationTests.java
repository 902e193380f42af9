package com.penguinmails.hub.posthog;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
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
import com.penguinmails.hub.testkit.FakePostHog;
import com.penguinmails.hub.testkit.HubClient.ApiKey;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestSecrets;
import com.penguinmails.hub.tenancy.TenantSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Product analytics in the running hub: what other modules announce reaches the platform's PostHog
 * account (the suite's {@link FakePostHog}) as events, the browser configuration and the console's
 * feature flags over real HTTP.
 */
class PostHogIntegrationTests extends HubIntegrationTest {

    @Autowired
    ProviderGateway gateway;

    /** The events FakePostHog received that mention {@code id}, in the order they were sent. */
    private List<JsonNode> eventsMentioning(String id) {
        List<JsonNode> events = new ArrayList<>();
        for (var request : FakePostHog.batchesMentioning(id)) {
            JsonNode body = json.readTree(request.getBodyAsString());
            assertThat(body.path("api_key").asString()).isEqualTo(FakePostHog.PROJECT_API_KEY);
            body.path("batch").forEach(event -> {
                if (event.toString().contains(id)) {
                    events.add(event);
                }
            });
        }
        return events;
    }

    private JsonNode eventNamed(String id, String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsMentioning(id).stream()
                .anyMatch(e -> name.equals(e.path("event").asString())));
        return eventsMentioning(id).stream().filter(e -> name.equals(e.path("event").asString())).findFirst()
                .orElseThrow();
    }

    @Test
    void givesBrowsersTheProjectKeyAndHostButNeverThePersonalKey() {
        Response config = hub().get("/api/v1/analytics/config", null);

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().path("enabled").asBoolean()).isTrue();
        assertThat(config.body().path("projectApiKey").asString()).isEqualTo(FakePostHog.PROJECT_API_KEY);
        assertThat(config.body().path("host").asString()).isEqualTo(FakePostHog.url());
        assertThat(config.raw().body()).doesNotContain(FakePostHog.PERSONAL_API_KEY).doesNotContain("personal");
    }

    @Test
    void identifiesWhoSignsUpAndSetsUpTheOrganisationOfANewTenant() {
        SignedInUser ada = hub().signedInUser("Ada");

        JsonNode identify = eventNamed(ada.id().toString(), "$identify");
        assertThat(identify.path("distinct_id").asString()).isEqualTo(ada.id().toString());
        assertThat(identify.path("properties").path("$set").path("email").asString()).isEqualTo(ada.email());
        assertThat(identify.path("properties").path("$set").path("name").asString()).isEqualTo("Ada");
        assertThat(identify.path("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        eventNamed(ada.id().toString(), "user_signed_up");

        UUID tenant = hub().tenantOf(ada, "Analytical Engines");

        JsonNode group = eventNamed(tenant.toString(), "$groupidentify");
        assertThat(group.path("properties").path("$group_type").asString()).isEqualTo("organization");
        assertThat(group.path("properties").path("$group_key").asString()).isEqualTo(tenant.toString());
        assertThat(group.path("properties").path("$group_set").path("name").asString()).isEqualTo("Analytical Engines");
        JsonNode created = eventNamed(tenant.toString(), "tenant_created");
        assertThat(created.path("distinct_id").asString()).isEqualTo(ada.id().toString());
        assertThat(created.path("properties").path("$groups").path("organization").asString())
                .isEqualTo(tenant.toString());
    }

    @Test
    void reportsIntegrationsThatGetConnected() {
        SignedInUser owner = hub().signedInUser("IntegrationAnalytics");
        UUID tenant = hub().tenantOf(owner, "Integrations tenant");
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "CRM",
                "category", "crm", "provider", "custom", "status", "inactive",
                "configuration", Map.of("baseUrl", "https://crm.example.com", "apiKey", TestSecrets.fresh("crm-"))),
                owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String integration = created.body().get("id").asString();

        Response activated = hub().post("/api/v1/tenants/" + tenant + "/integrations/" + integration + "/status",
                Map.of("status", "active"), owner.token());
        assertThat(activated.status()).as(activated.raw().body()).isEqualTo(200);

        JsonNode connected = eventNamed(integration, "integration_connected");
        assertThat(connected.path("distinct_id").asString()).isEqualTo(owner.id().toString());
        assertThat(connected.path("properties").path("provider").asString()).isEqualTo("custom");
        assertThat(connected.path("properties").path("from_status").asString()).isEqualTo("inactive");
        assertThat(connected.path("properties").path("$groups").path("organization").asString())
                .isEqualTo(tenant.toString());
    }

    @Test
    void reportsIntegrationsTheHubPutsInErrorAsTheOrganisation() {
        SignedInUser owner = hub().signedInUser("FailingAnalytics");
        UUID tenant = hub().tenantOf(owner, "Failing tenant");
        Response created = hub().post("/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "CRM",
                "category", "crm", "provider", "custom",
                "configuration", Map.of("baseUrl", FakePostHog.url(), "apiKey", TestSecrets.fresh("crm-"))),
                owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        UUID integration = UUID.fromString(created.body().get("id").asString());
        FakePostHog.server().stubFor(get(urlPathEqualTo("/crm/" + integration)).willReturn(aResponse().withStatus(401)));

        // the gateway puts an integration whose credentials are refused in error (StatusChanger.SYSTEM)
        catchThrowableOfType(ProviderCallFailed.class, () -> gateway.call(new ProviderCall(tenant, integration,
                "custom", "custom.crm.get", HttpRequest.newBuilder(URI.create(FakePostHog.url() + "/crm/" + integration))
                .GET().build(), Urgency.BACKGROUND, null)));

        JsonNode failing = eventNamed(integration.toString(), "integration_failing");
        assertThat(failing.path("distinct_id").asString()).isEqualTo(AnalyticsEvent.organizationId(tenant));
        assertThat(failing.path("properties").path("to_status").asString()).isEqualTo("error");
        assertThat(failing.path("properties").path("changed_by").asString()).isEqualTo("system");
        assertThat(failing.path("properties").path("$process_person_profile").asBoolean(true)).isFalse();
    }

    @Test
    void sendsNothingAboutATenantThatOptedOut() {
        SignedInUser owner = hub().signedInUser("PrivateOwner");
        Response created = hub().post("/api/v1/tenants", Map.of("name", "Private tenant",
                "settings", Map.of(TenantSettings.ANALYTICS_OPT_OUT, true)), owner.token());
        assertThat(created.status()).isEqualTo(201);
        UUID privateTenant = UUID.fromString(created.body().get("id").asString());
        // a tenant created afterwards shows the sender has passed the opted-out tenant's events
        UUID openTenant = hub().tenantOf(owner, "Open tenant");

        eventNamed(openTenant.toString(), "tenant_created");

        assertThat(FakePostHog.batchesMentioning(privateTenant.toString())).isEmpty();
    }

    @Test
    void servesTheSignedInUsersFeatureFlagsInATenantTheyBelongTo() {
        SignedInUser user = hub().signedInUser("Flags");
        UUID tenant = hub().tenantOf(user, "Flagged tenant");
        FakePostHog.server().stubFor(post(urlPathEqualTo("/flags")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.distinct_id", equalTo(user.id().toString())))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"flags": {"new-editor": {"key": "new-editor", "enabled": true},
                                   "pricing-page": {"key": "pricing-page", "enabled": true, "variant": "annual-first"}},
                         "errorsWhileComputingFlags": false}""")));

        Response flags = hub().get("/api/v1/me/feature-flags?tenantId=" + tenant, user.token());
        Response again = hub().get("/api/v1/me/feature-flags?tenantId=" + tenant, user.token());

        assertThat(flags.status()).as(flags.raw().body()).isEqualTo(200);
        assertThat(flags.body().path("source").asString()).isEqualTo("posthog");
        assertThat(flags.body().path("flags").path("new-editor").asBoolean()).isTrue();
        assertThat(flags.body().path("flags").path("pricing-page").asString()).isEqualTo("annual-first");
        assertThat(again.body().path("flags")).isEqualTo(flags.body().path("flags"));
        assertThat(FakePostHog.server().findAll(postRequestedFor(urlPathEqualTo("/flags"))
                .withRequestBody(matchingJsonPath("$.distinct_id", equalTo(user.id().toString()))))).hasSize(1);
    }

    @Test
    void refusesFeatureFlagsOfAnotherTenantAndToApiKeys() {
        SignedInUser user = hub().signedInUser("FlagsOutsider");
        SignedInUser other = hub().signedInUser("FlagsOwner");
        UUID othersTenant = hub().tenantOf(other, "Someone else's");
        ApiKey key = hub().apiKey(other, othersTenant, "integrations:read");

        assertThat(hub().get("/api/v1/me/feature-flags?tenantId=" + othersTenant, user.token()).code())
                .isEqualTo("tenant_not_found");
        assertThat(hub().get("/api/v1/me/feature-flags?tenantId=" + othersTenant, key.key()).code())
                .isEqualTo("insufficient_scope");
        assertThat(hub().get("/api/v1/me/feature-flags", null).status()).isEqualTo(401);
    }
}
