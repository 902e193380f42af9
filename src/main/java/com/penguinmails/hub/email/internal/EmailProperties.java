package com.penguinmails.hub.email.internal;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the email module, bound from {@code hub.email.*}.
 *
 * @param sending how queued messages are sent
 * @param system  which tenant's ESP integration sends the hub's own system emails (verification);
 *                unset, system emails wait in {@code system_emails}
 */
@ConfigurationProperties("hub.email")
public record EmailProperties(@DefaultValue Sending sending, @DefaultValue SystemSender system) {

    /**
     * @param maxAttempts    attempts before a message fails
     * @param retryBase      first retry delay, doubling per attempt up to {@code retryMax}
     * @param retryMax       longest retry delay
     * @param pollInterval   how often an idle sender looks for due messages
     * @param batchSize      messages leased at once
     * @param lease          how long a leased message is reserved
     * @param threads        messages sent concurrently per node
     * @param maxRecipients  recipients (to + cc + bcc) per message
     * @param maxBatch       messages per batch request
     */
    public record Sending(
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("10s") Duration retryBase,
            @DefaultValue("30m") Duration retryMax,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("8") int threads,
            @DefaultValue("2") int lanes,
            @DefaultValue("50") int maxRecipients,
            @DefaultValue("1000") int maxBatch) {
    }

    public record SystemSender(UUID tenantId, UUID integrationId, @DefaultValue("PenguinMails <no-reply@penguinmails.com>") String from) {
    }
}
