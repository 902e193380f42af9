package com.penguinmails.hub.webhook.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;
import com.penguinmails.hub.webhook.OutboundEvents;
import com.penguinmails.hub.webhook.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The delivery workers die mid-batch (requests in flight, nothing recorded) and come back: nothing is lost. */
class DeliveryCrashIntegrationTests extends HubIntegrationTest {

    @Autowired
    DeliveryWorker worker;

    @Autowired
    OutboundEvents events;

    @Autowired
    TenantTransactions transactions;

    @Test
    void workersStoppedAbruptlyMidBatchLoseNothing() throws Exception {
        SignedInUser owner = hub().signedInUser("Owner");
        UUID tenant = hub().tenantOf(owner, "Crash");
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver receiver = new WebhookReceiver((r, attempt) -> {
            release.await(10, TimeUnit.SECONDS);
            return 200;
        })) {
            Response created = hub().post("/api/v1/tenants/" + tenant + "/webhook-endpoints", Map.of("url",
                    receiver.url(), "eventTypes", List.of("webhook.test"),
                    "retryPolicy", Map.of("schedule", List.of("0s", "50ms", "50ms", "50ms", "50ms"))), owner.token());
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            TestSecrets.register(created.body().get("secret").asString());
            UUID endpoint = UUID.fromString(created.body().get("endpoint").get("id").asString());
            Set<String> published = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                UUID id = transactions.inTenant(tenant, () -> events.publish(tenant, "webhook.test",
                        Map.of("endpointId", endpoint, "message", "crash")));
                published.add(StandardWebhooks.messageId(id));
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> receiver.inFlight() >= 1);
            worker.crash();
            try {
                release.countDown();
                assertThat(leased(tenant)).as("deliveries still leased by the dead workers").isPositive();
            } finally {
                worker.start();
            }
            // the dead node's leases run out (here at once rather than after hub.webhook.outbound.lease)
            try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(
                    "update webhook_delivery_slots set locked_until = now() - interval '1 second' "
                            + "where tenant_id = ? and locked_until is not null")) {
                ps.setObject(1, tenant);
                ps.executeUpdate();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 6);
            Set<String> received = new HashSet<>();
            receiver.accepted().forEach(r -> received.add(r.id()));
            assertThat(received).isEqualTo(published);
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered(tenant) == 6);
        }
    }

    private static int leased(UUID tenant) throws Exception {
        return count(tenant, "select count(*) from webhook_delivery_slots where tenant_id = ? and locked_until > now()");
    }

    private static int delivered(UUID tenant) throws Exception {
        return count(tenant, "select count(*) from webhook_deliveries where tenant_id = ? and state = 'delivered'");
    }

    private static int count(UUID tenant, String sql) throws Exception {
        try (Connection db = TestDatabase.asOwner(); PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
