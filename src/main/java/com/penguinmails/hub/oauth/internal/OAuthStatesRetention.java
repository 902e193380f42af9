package com.penguinmails.hub.oauth.internal;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.security.ExpiringData;

/** Spent and expired authorisation states are deleted a day after they expire. */
@Component
class OAuthStatesRetention implements ExpiringData {

    @Override
    public String table() {
        return "oauth_states";
    }

    @Override
    public Optional<Duration> retention() {
        return Optional.of(Duration.ofDays(1));
    }
}
