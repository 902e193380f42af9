package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.ProviderStubs;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The verification email of a sign-up leaves through the system tenant's ESP like any message. */
class SystemEmailRelayIntegrationTests extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Messages messages;
    @Autowired
    Recipients recipients;
    @Autowired
    TenantTransactions transactions;
    @Autowired
    SendingWorker worker;
    @Autowired
    TaskScheduler scheduler;
    @Autowired
    Clock clock;

    @Autowired
    com.penguinmails.hub.email.SystemEmails systemEmails;

    private record SystemSender(String domain, SystemEmailRelay relay) {
        List<LoggedRequest> sentTo(String address) {
            return ProviderStubs.server().findAll(postRequestedFor(urlEqualTo("/v3/" + domain + "/messages"))).stream()
                    .filter(r -> r.getBodyAsString().contains(address.toLowerCase())).toList();
        }
    }

    private SystemSender systemSender() {
        WireMockServer stubs = ProviderStubs.server();
        HubClient.SignedInUser operator = hub().signedInUser("Operator");
        UUID systemTenant = hub().tenantOf(operator, "PenguinMails");
        String domain = "system" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
        stubs.stubFor(post(urlEqualTo("/v3/" + domain + "/messages"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"<sys@" + domain + ">\"}")));
        var created = hub().post("/api/v1/tenants/" + systemTenant + "/integrations", Map.of("name", "System Mailgun",
                "category", "email_service", "provider", "mailgun", "configuration", Map.of(
                        "apiKey", TestSecrets.fresh("key-"), "domain", domain, "webhookSigningKey", TestSecrets.fresh("s-")),
                "rateLimits", Map.of("requestsPerMinute", 600, "requestsPerHour", 10000, "strategy", "token-bucket")),
                operator.token());
        UUID integration = UUID.fromString(created.body().get("id").asString());
        return new SystemSender(domain, new SystemEmailRelay(jdbc, messages, recipients, transactions, worker,
                new EmailProperties(null, new EmailProperties.SystemSender(systemTenant, integration,
                        "PenguinMails <no-reply@" + domain + ">")), scheduler, clock, json));
    }

    @Test
    void aVerificationEmailIsSentThroughTheSystemTenantsEsp() {
        SystemSender system = systemSender();
        String email = HubClient.uniqueEmail("newcomer");
        hub().post("/api/v1/auth/signup", Map.of("email", email, "password", HubClient.PASSWORD, "name", "Newcomer"), null);

        assertThat(system.relay().relay()).isGreaterThanOrEqualTo(1);
        assertThat(system.relay().relay()).as("each system email is handed over once").isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> !system.sentTo(email).isEmpty());
        String body = system.sentTo(email).get(0).getBodyAsString();
        assertThat(body).contains("Verify your PenguinMails email address").contains("/console/verify-email?token=")
                .contains("verify_email");
        assertThat(jdbc.sql("select count(*) from system_emails where lower(to_address) = lower(:to) and message_id is not null")
                .param("to", email).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSystemEmailKeepsItsHtmlReplyToAndThreadingHeaders() {
        SystemSender system = systemSender();
        String to = HubClient.uniqueEmail("customer");
        transactions.inTenant(UUID.randomUUID(), () -> systemEmails.send(new com.penguinmails.hub.email.SystemEmail(
                "support_reply", to, "[TKT-000042] Re: help", "plain words", "<p>html words</p>", "support@example.com",
                Map.of("Message-ID", "<reply-1@desk.example.com>", "In-Reply-To", "<question@customer.example.com>"))));

        system.relay().relay();
        await().atMost(Duration.ofSeconds(20)).until(() -> !system.sentTo(to).isEmpty());
        String body = system.sentTo(to).get(0).getBodyAsString();
        assertThat(body).contains("[TKT-000042] Re: help").contains("plain words").contains("<p>html words</p>")
                .contains("support@example.com").contains("<reply-1@desk.example.com>")
                .contains("<question@customer.example.com>").contains("h:In-Reply-To");
    }
}
