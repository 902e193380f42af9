package com.penguinmails.hub.security.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** Wrapped data keys. Global (not tenant data): a wrapped key is useless without a master key. */
@Repository
class DataKeys {

    private static final String ACTIVE = """
            select id, master_key_id, wrapped_key from data_keys where retired_at is null""";
    private static final String BY_ID = """
            select id, master_key_id, wrapped_key from data_keys where id = :id""";
    private static final String INSERT = """
            insert into data_keys (id, master_key_id, wrapped_key, created_at) values (:id, :master, :wrapped, :now)
            on conflict do nothing""";
    private static final String RETIRE = "update data_keys set retired_at = :now where retired_at is null";
    private static final String NOT_UNDER = """
            select id, master_key_id, wrapped_key from data_keys where master_key_id <> :master order by id for update""";
    private static final String REWRAP = """
            update data_keys set master_key_id = :master, wrapped_key = :wrapped, rewrapped_at = :now where id = :id""";
    private static final String COUNT_BY_MASTER = """
            select master_key_id, count(*) from data_keys group by master_key_id order by master_key_id""";

    record WrappedKey(UUID id, String masterKeyId, byte[] wrapped) {
    }

    private final JdbcClient jdbc;

    DataKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WrappedKey> active() {
        return jdbc.sql(ACTIVE).query(this::map).optional();
    }

    Optional<WrappedKey> byId(UUID id) {
        return jdbc.sql(BY_ID).param("id", id).query(this::map).optional();
    }

    /** Inserts an active key unless another node just did (one active key, by a partial unique index). */
    boolean insertActive(WrappedKey key, Instant now) {
        return jdbc.sql(INSERT).param("id", key.id()).param("master", key.masterKeyId())
                .param("wrapped", key.wrapped()).param("now", SqlValues.timestamp(now)).update() == 1;
    }

    void retireActive(Instant now) {
        jdbc.sql(RETIRE).param("now", SqlValues.timestamp(now)).update();
    }

    List<WrappedKey> lockAllNotUnder(String masterKeyId) {
        return jdbc.sql(NOT_UNDER).param("master", masterKeyId).query(this::map).list();
    }

    void rewrap(UUID id, String masterKeyId, byte[] wrapped, Instant now) {
        jdbc.sql(REWRAP).param("id", id).param("master", masterKeyId).param("wrapped", wrapped)
                .param("now", SqlValues.timestamp(now)).update();
    }

    Map<String, Long> countByMasterKey() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        jdbc.sql(COUNT_BY_MASTER).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private WrappedKey map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new WrappedKey(rs.getObject("id", UUID.class), rs.getString("master_key_id"), rs.getBytes("wrapped_key"));
    }
}
