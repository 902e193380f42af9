package com.penguinmails.hub.webhook.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** An endpoint's failing streak starts at its first failure, is read by the later ones, and ends at a success. */
class FailingStreakIntegrationTests extends HubIntegrationTest {

    @Autowired
    WebhookEndpoints endpoints;

    @Autowired
    TenantTransactions transactions;

    @Test
    void theFirstFailureStartsTheStreakAndLaterOnesAnswerItsStartWithoutWritingTheRow() {
        SignedInUser owner = hub().signedInUser("Streak");
        UUID tenant = hub().tenantOf(owner, "Streak");
        Response created = hub().post("/api/v1/tenants/" + tenant + "/webhook-endpoints",
                Map.of("url", "https://hooks.example.com/streak", "eventTypes", List.of("email.*")), owner.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        UUID endpoint = UUID.fromString(created.body().get("endpoint").get("id").asString());
        Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Optional<Instant> started = transactions.inTenant(tenant, () -> endpoints.failed(tenant, endpoint, first));
        long writesAfterFirst = rowWrites(endpoint);
        Optional<Instant> later = transactions.inTenant(tenant, () -> endpoints.failed(tenant, endpoint, first.plusSeconds(30)));

        assertThat(started).contains(first);
        assertThat(later).as("the streak's start, not the later failure's time").contains(first);
        assertThat(rowWrites(endpoint)).as("a later failure leaves the row alone").isEqualTo(writesAfterFirst);

        transactions.inTenant(tenant, () -> endpoints.succeeded(tenant, List.of(endpoint), first.plusSeconds(60)));
        Optional<Instant> afterSuccess = transactions.inTenant(tenant,
                () -> endpoints.failed(tenant, endpoint, first.plusSeconds(90)));

        assertThat(afterSuccess).as("a success ends the streak; the next failure starts another").contains(first.plusSeconds(90));
    }

    @Test
    void aFailureOfAnUnknownEndpointAnswersNothing() {
        UUID tenant = UUID.randomUUID();

        assertThat(transactions.inTenant(tenant, () -> endpoints.failed(tenant, UUID.randomUUID(), Instant.now()))).isEmpty();
    }

    /** The row's version: xmin changes with every write of the row. */
    private static long rowWrites(UUID endpoint) {
        return TestDatabase.count("select xmin::text::bigint from webhook_endpoints where id = ?", endpoint);
    }
}
