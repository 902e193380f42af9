package com.penguinmails.hub.webhook.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes claiming at once (V46): each claim writes its deliveries into free slots, and claims take
 * turns, so no delivery is claimed twice and no endpoint gets more than its slots. The deliveries are
 * due an hour from now and the claims are made as of two hours from now, so this JVM's own delivery
 * workers, claiming as of now, leave them alone.
 */
class DeliveryClaimRaceIntegrationTests extends HubIntegrationTest {

    private static final int ENDPOINTS = 20;
    private static final int PER_ENDPOINT = 4;
    /** A claim as of two hours from now, answering which of them are this test's. */
    private static final String CLAIM = """
            select c.id, d.endpoint_id, c.tenant_id = ? from claim_webhook_deliveries(now() + interval '2 hours', 60, 7, %d) c
            join webhook_deliveries d on d.tenant_id = c.tenant_id and d.id = c.id""".formatted(PER_ENDPOINT);

    @Test
    void twoNodesClaimingAtOnceNeverTakeTheSameDeliveryNorMoreThanAnEndpointsSlots() throws Exception {
        UUID tenant = UUID.randomUUID();
        try (Connection owner = TestDatabase.asOwner(); Statement sql = owner.createStatement()) {
            sql.execute("""
                    insert into webhook_endpoints (tenant_id, id, url, event_types, secret, created_at, updated_at)
                    select '%1$s', gen_random_uuid(), 'https://hooks.example.com/' || n, '["*"]', '\\x00', now(), now()
                    from generate_series(1, %2$d) n""".formatted(tenant, ENDPOINTS));
            sql.execute("""
                    insert into webhook_events (tenant_id, id, event_type, payload, created_at)
                    values ('%1$s', '%1$s', 'webhook.test', '{}', now())""".formatted(tenant));
            sql.execute("""
                    insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, next_attempt_at,
                                                    created_at)
                    select e.tenant_id, gen_random_uuid(), e.id, e.tenant_id, 'webhook.test', now() + interval '1 hour',
                           now()
                    from webhook_endpoints e cross join generate_series(1, 10)
                    where e.tenant_id = '%s'""".formatted(tenant));
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Phaser together = new Phaser(2);
            List<Future<List<String[]>>> claims = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                claims.add(nodes.submit(claimUntilNothingIsLeft(tenant, together)));
            }
            Map<String, Integer> timesClaimed = new HashMap<>();
            Map<String, Integer> perEndpoint = new HashMap<>();
            int[] byNode = new int[2];
            for (int node = 0; node < 2; node++) {
                for (String[] claimed : claims.get(node).get()) {
                    timesClaimed.merge(claimed[0], 1, Integer::sum);
                    perEndpoint.merge(claimed[1], 1, Integer::sum);
                    byNode[node]++;
                }
            }
            assertThat(timesClaimed.values()).as("claims of each delivery").containsOnly(1);
            assertThat(timesClaimed).as("deliveries claimed: every slot of every endpoint").hasSize(ENDPOINTS * PER_ENDPOINT);
            assertThat(perEndpoint.values()).as("deliveries in flight per endpoint").containsOnly(PER_ENDPOINT);
            assertThat(Math.min(byNode[0], byNode[1])).as("deliveries claimed by the node that claimed fewer").isPositive();
        } finally {
            nodes.shutdownNow();
            try (Connection owner = TestDatabase.asOwner(); Statement sql = owner.createStatement()) {
                // the claims also took other tests' retries due within two hours: they are theirs again
                sql.execute("""
                        update webhook_delivery_slots set delivery_id = null, locked_until = null
                        where locked_until > now() + interval '1 hour'""");
                sql.execute("delete from webhook_endpoints where tenant_id = '%s'".formatted(tenant));
                sql.execute("delete from webhook_events where tenant_id = '%s'".formatted(tenant));
            }
        }
    }

    /**
     * One node: claims of up to 7 deliveries, each in its own transaction, until a claim finds nothing. Each
     * claim starts together with the other node's. Answers the claimed deliveries of this test's tenant.
     */
    private static Callable<List<String[]>> claimUntilNothingIsLeft(UUID tenant, Phaser together) {
        return () -> {
            List<String[]> all = new ArrayList<>();
            try (Connection db = TestDatabase.asOwner(); PreparedStatement claim = db.prepareStatement(CLAIM)) {
                claim.setObject(1, tenant);
                while (true) {
                    together.arriveAndAwaitAdvance();
                    int found = 0;
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getBoolean(3)) {
                                all.add(new String[] {rs.getString(1), rs.getString(2)});
                            }
                            found++;
                        }
                    }
                    if (found == 0) {
                        together.arriveAndDeregister();
                        return all;
                    }
                }
            }
        };
    }
}
