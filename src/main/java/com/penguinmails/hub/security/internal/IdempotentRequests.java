package com.penguinmails.hub.security.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code idempotent_requests} table: claimed keys and, once their create finished, its sealed answer. */
@Repository
class IdempotentRequests {

    private static final String CLAIM = """
            insert into idempotent_requests (tenant_id, id, operation, idempotency_key, request_hash, created_at)
            values (:tenant, :id, :operation, :key, :hash, :now)
            on conflict (tenant_id, operation, idempotency_key) do nothing""";
    private static final String FIND = """
            select id, request_hash, status, location, response from idempotent_requests
            where tenant_id = :tenant and operation = :operation and idempotency_key = :key""";
    private static final String ANSWER = """
            update idempotent_requests set status = :status, location = :location, response = :response
            where tenant_id = :tenant and id = :id""";
    private static final String RELEASE = "delete from idempotent_requests where tenant_id = :tenant and id = :id";

    /** A claimed key; {@code status} is null while its create runs. */
    record Stored(UUID id, String requestHash, Integer status, String location, byte[] response) {
    }

    private final JdbcClient jdbc;

    IdempotentRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key; false when it is claimed already. */
    boolean claim(UUID tenantId, UUID id, String operation, String key, String hash, Instant now) {
        return jdbc.sql(CLAIM).param("tenant", tenantId).param("id", id).param("operation", operation)
                .param("key", key).param("hash", hash).param("now", SqlValues.timestamp(now)).update() == 1;
    }

    Optional<Stored> find(UUID tenantId, String operation, String key) {
        return jdbc.sql(FIND).param("tenant", tenantId).param("operation", operation).param("key", key)
                .query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getString("request_hash"),
                        (Integer) rs.getObject("status"), rs.getString("location"), rs.getBytes("response")))
                .optional();
    }

    void answer(UUID tenantId, UUID id, int status, String location, byte[] response) {
        jdbc.sql(ANSWER).param("tenant", tenantId).param("id", id).param("status", status)
                .param("location", location).param("response", response).update();
    }

    void release(UUID tenantId, UUID id) {
        jdbc.sql(RELEASE).param("tenant", tenantId).param("id", id).update();
    }
}
