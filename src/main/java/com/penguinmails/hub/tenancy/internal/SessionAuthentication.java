package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.tenancy.CurrentUser;

/** Resolves a bearer token to its user, and ends sessions. */
@Service
class SessionAuthentication {

    /** last_seen_at is written at most this often per session, not on every request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Sessions sessions;
    private final TenancyProperties properties;
    private final Clock clock;

    SessionAuthentication(Sessions sessions, TenancyProperties properties, Clock clock) {
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<CurrentUser> authenticate(String token) {
        byte[] hash = OpaqueTokens.hash(token);
        Instant now = clock.instant();
        Optional<Sessions.ActiveSession> session = sessions.active(hash, now, now.minus(properties.sessionIdleTimeout()));
        session.filter(s -> s.lastSeenAt().isBefore(now.minus(TOUCH_INTERVAL)))
                .ifPresent(s -> sessions.touch(hash, now, now.minus(TOUCH_INTERVAL)));
        return session.map(Sessions.ActiveSession::user);
    }

    void signOut(String token) {
        sessions.revoke(OpaqueTokens.hash(token), clock.instant());
    }

    int signOutEverywhere(CurrentUser user) {
        return sessions.revokeAll(user.id(), clock.instant());
    }
}
