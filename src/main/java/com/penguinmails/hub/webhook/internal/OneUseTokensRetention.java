package com.penguinmails.hub.webhook.internal;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.security.ExpiringData;

/**
 * One-use tokens ({@link com.penguinmails.hub.webhook.InboundWebhookSource#oneUseToken}) outlive the
 * replay window by far; after a day the retention job deletes them.
 */
@Component
class OneUseTokensRetention implements ExpiringData {

    @Override
    public String table() {
        return "webhook_one_use_tokens";
    }

    @Override
    public Optional<Duration> retention() {
        return Optional.of(Duration.ofDays(1));
    }
}
