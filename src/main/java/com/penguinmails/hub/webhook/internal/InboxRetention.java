package com.penguinmails.hub.webhook.internal;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.security.ExpiringData;

/** Inbound payloads are raw provider data: the retention job deletes them after the retention period. */
@Component
class InboxRetention implements ExpiringData {

    @Override
    public String table() {
        return "webhook_inbox";
    }
}
