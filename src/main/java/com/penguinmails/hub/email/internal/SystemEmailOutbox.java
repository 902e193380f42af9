package com.penguinmails.hub.email.internal;

import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** Pending system emails; written in the caller's transaction so they commit or vanish with it. */
@Repository
class SystemEmailOutbox {

    private static final String INSERT = """
            insert into system_emails (id, kind, to_address, subject, body_text, created_at)
            values (:id, :kind, :to, :subject, :body, :now)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    SystemEmailOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID enqueue(String kind, String to, String subject, String body) {
        UUID id = UUID.randomUUID();
        jdbc.sql(INSERT).param("id", id).param("kind", kind).param("to", to).param("subject", subject)
                .param("body", body).param("now", SqlValues.timestamp(clock.instant())).update();
        return id;
    }
}
