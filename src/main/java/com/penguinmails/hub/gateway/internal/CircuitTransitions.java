package com.penguinmails.hub.gateway.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code gateway_circuit_transitions} table: every state change of an integration's breaker. */
@Repository
class CircuitTransitions {

    private static final String INSERT = """
            insert into gateway_circuit_transitions (tenant_id, id, integration_id, provider, from_state, to_state, at)
            values (:tenant, :id, :integration, :provider, :from, :to, :at)""";
    private static final String RECENT = """
            select from_state, to_state, at from gateway_circuit_transitions
            where tenant_id = :tenant and integration_id = :integration
            order by at desc, id limit :limit""";

    record Transition(String from, String to, Instant at) {
    }

    private final JdbcClient jdbc;

    CircuitTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, UUID integrationId, String provider, String from, String to, Instant at) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", UUID.randomUUID()).param("integration", integrationId)
                .param("provider", provider).param("from", from).param("to", to)
                .param("at", SqlValues.timestamp(at)).update();
    }

    List<Transition> recent(UUID tenantId, UUID integrationId, int limit) {
        return jdbc.sql(RECENT).param("tenant", tenantId).param("integration", integrationId).param("limit", limit)
                .query((rs, n) -> new Transition(rs.getString("from_state"), rs.getString("to_state"),
                        SqlValues.instant(rs, "at")))
                .list();
    }
}
