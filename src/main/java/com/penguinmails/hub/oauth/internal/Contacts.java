package com.penguinmails.hub.oauth.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code contacts} table: the tenant's contact list, one row per lower-cased email address. */
@Repository
class Contacts {

    private static final String UPSERT = """
            insert into contacts (tenant_id, id, email_key, email, name, source_provider, connection_id, source_id,
                                  created_at, updated_at)
            values (:tenant, :id, :key, :email, :name, :provider, :connection, :sourceId, :now, :now)
            on conflict (tenant_id, email_key) do update
                set email = excluded.email, name = coalesce(excluded.name, contacts.name),
                    source_provider = excluded.source_provider, connection_id = excluded.connection_id,
                    source_id = excluded.source_id, updated_at = excluded.updated_at""";
    private static final String PAGE = """
            select id, email, name, source_provider, connection_id, source_id, created_at, updated_at, email_key
            from contacts
            where tenant_id = :tenant and (cast(:after as text) is null or email_key > :after)
            order by email_key limit :limit""";

    /** One contact as a provider gave it. */
    record Imported(String email, String name, String sourceId) {
    }

    record Contact(UUID id, String email, String name, String sourceProvider, UUID connectionId, String sourceId,
                   Instant createdAt, Instant updatedAt, String emailKey) {
    }

    private final JdbcClient jdbc;

    Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds or updates each contact with a plausible address; answers how many were stored. */
    int upsert(UUID tenantId, String provider, UUID connectionId, List<Imported> contacts, Instant now) {
        int stored = 0;
        for (Imported contact : contacts) {
            String email = contact.email() == null ? "" : contact.email().strip();
            if (!email.matches("[^\\s@]{1,200}@[^\\s@]{1,200}") || email.length() > 320) {
                continue;
            }
            String name = contact.name() == null || contact.name().isBlank() ? null
                    : contact.name().strip().substring(0, Math.min(500, contact.name().strip().length()));
            stored += jdbc.sql(UPSERT).param("tenant", tenantId).param("id", UUID.randomUUID())
                    .param("key", email.toLowerCase(Locale.ROOT)).param("email", email).param("name", name)
                    .param("provider", provider).param("connection", connectionId).param("sourceId", contact.sourceId())
                    .param("now", SqlValues.timestamp(now)).update();
        }
        return stored;
    }

    List<Contact> page(UUID tenantId, String afterKey, int limit) {
        return jdbc.sql(PAGE).param("tenant", tenantId).param("after", afterKey).param("limit", limit)
                .query((rs, n) -> new Contact(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                        rs.getString("source_provider"), rs.getObject("connection_id", UUID.class),
                        rs.getString("source_id"), SqlValues.instant(rs, "created_at"),
                        SqlValues.instant(rs, "updated_at"), rs.getString("email_key")))
                .list();
    }
}
