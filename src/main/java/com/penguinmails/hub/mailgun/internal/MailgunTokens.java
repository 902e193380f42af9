package com.penguinmails.hub.mailgun.internal;

import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.security.ExpiringData;

/**
 * Mailgun's signature covers only timestamp and token, not the event: a captured signature could be
 * glued to another body. Each token may therefore serve one event only (its retries included).
 * Tokens older than a day are purged by the retention job.
 */
@Repository
class MailgunTokens implements ExpiringData {

    private static final String CLAIM = """
            insert into mailgun_webhook_tokens (token, dedup_key, seen_at) values (:token, :dedup, :now)
            on conflict (token) do nothing""";
    private static final String OWNER = "select dedup_key from mailgun_webhook_tokens where token = :token";

    private final JdbcClient jdbc;
    private final Clock clock;

    MailgunTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True when the token is new, or was already used for this very event. */
    boolean claim(String token, String dedupKey) {
        if (jdbc.sql(CLAIM).param("token", token).param("dedup", dedupKey)
                .param("now", SqlValues.timestamp(clock.instant())).update() == 1) {
            return true;
        }
        Optional<String> owner = jdbc.sql(OWNER).param("token", token).query(String.class).optional();
        return owner.map(dedupKey::equals).orElse(false);
    }

    @Override
    public String table() {
        return "mailgun_webhook_tokens";
    }

    @Override
    public Optional<java.time.Duration> retention() {
        return Optional.of(java.time.Duration.ofDays(1));
    }
}
