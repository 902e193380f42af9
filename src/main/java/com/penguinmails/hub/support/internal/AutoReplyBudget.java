package com.penguinmails.hub.support.internal;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmails;

/**
 * How many automatic replies (ticket confirmations) one address may get in an hour
 * ({@code hub.support.inbound.auto-replies-per-sender-per-hour}): a sender whose mail the desk cannot tell
 * from a machine's still cannot start an endless exchange with it.
 */
@Component
class AutoReplyBudget {

    static final String CONFIRMATION = "support_ticket_confirmation";

    private final SystemEmails emails;
    private final SupportProperties properties;

    AutoReplyBudget(SystemEmails emails, SupportProperties properties) {
        this.emails = emails;
        this.properties = properties;
    }

    /** Whether {@code address} may get one more automatic reply now. */
    boolean allows(String address, Instant now) {
        return emails.queuedSince(CONFIRMATION, address, now.minus(Duration.ofHours(1)))
                < properties.inbound().autoRepliesPerSenderPerHour();
    }
}
