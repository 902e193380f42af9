package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.platform.database.SqlValues;

import tools.jackson.databind.json.JsonMapper;

/** Pending system emails; written in the caller's transaction so they commit or vanish with it. */
@Repository
class SystemEmailOutbox implements SystemEmails {

    private static final String INSERT = """
            insert into system_emails (id, kind, to_address, subject, body_text, body_html, reply_to, headers, created_at)
            values (:id, :kind, :to, :subject, :body, :html, :replyTo, cast(:headers as jsonb), :now)""";

    private static final String QUEUED_SINCE = """
            select count(*) from system_emails
            where kind = :kind and lower(to_address) = lower(:address) and created_at > :since""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    SystemEmailOutbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public UUID send(SystemEmail email) {
        UUID id = UUID.randomUUID();
        jdbc.sql(INSERT).param("id", id).param("kind", email.kind()).param("to", email.to())
                .param("subject", email.subject()).param("body", email.text()).param("html", email.html())
                .param("replyTo", email.replyTo()).param("headers", json.writeValueAsString(email.headers()))
                .param("now", SqlValues.timestamp(clock.instant())).update();
        return id;
    }

    @Override
    public long queuedSince(String kind, String address, java.time.Instant since) {
        return jdbc.sql(QUEUED_SINCE).param("kind", kind).param("address", address)
                .param("since", SqlValues.timestamp(since)).query(Long.class).single();
    }
}
