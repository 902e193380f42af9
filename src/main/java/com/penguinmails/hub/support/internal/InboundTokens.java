package com.penguinmails.hub.support.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;
import com.penguinmails.hub.platform.database.TenantTransactions;

/**
 * One email per Mailgun signature token: a token first seen with one email is refused with any other
 * (a retry of the same email passes). Tokens are forgotten once well outside the replay window.
 */
@Repository
class InboundTokens {

    private static final String CLAIM = """
            insert into support_inbound_tokens (token, message_key, seen_at) values (:token, :key, :now)
            on conflict (token) do nothing""";
    private static final String SEEN_WITH = "select message_key from support_inbound_tokens where token = :token";
    private static final String FORGET = "delete from support_inbound_tokens where seen_at < :cutoff";
    private static final String RELEASE = "delete from support_inbound_tokens where token = :token and message_key = :key";

    /** What a claim found: the token is new, was seen with this same email (a retry), or carried another. */
    enum Claim {
        NEW, RETRY, TAKEN;

        boolean allowed() {
            return this != TAKEN;
        }
    }

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Clock clock;
    private final Duration keep;
    private final AtomicInteger claims = new AtomicInteger();

    InboundTokens(JdbcClient jdbc, TenantTransactions transactions, SupportProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.keep = properties.inbound().replayWindow().multipliedBy(4);
    }

    /** Whether {@code token} may carry the email identified by {@code email} (its Message-ID, or a hash of it). */
    Claim claim(String token, String email) {
        String key = sha256(email);
        Instant now = clock.instant();
        return transactions.inCurrentScope(() -> {
            if (claims.incrementAndGet() % 100 == 0) {
                jdbc.sql(FORGET).param("cutoff", SqlValues.timestamp(now.minus(keep))).update();
            }
            if (jdbc.sql(CLAIM).param("token", token).param("key", key).param("now", SqlValues.timestamp(now)).update() == 1) {
                return Claim.NEW;
            }
            return jdbc.sql(SEEN_WITH).param("token", token).query(String.class).optional().filter(key::equals)
                    .map(same -> Claim.RETRY).orElse(Claim.TAKEN);
        });
    }

    /**
     * Gives back a token this request claimed ({@link Claim#NEW}) when the email it carried was then
     * refused, so a refused request leaves nothing stored (a retry of the same email could use it anyway).
     */
    void release(String token, String email) {
        transactions.inCurrentScope(() -> jdbc.sql(RELEASE).param("token", token).param("key", sha256(email)).update());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
