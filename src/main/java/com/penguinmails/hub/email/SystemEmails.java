package com.penguinmails.hub.email;

import java.util.UUID;

/**
 * Queues the hub's own emails. Call it inside the transaction that made the change the email is
 * about: the email is written to {@code system_emails} in that transaction, so it is sent exactly
 * when the change commits (and never when it rolls back). A relay hands it to the sending queue
 * of the system tenant, where it gets the same retries, failover and delivery events as any message.
 */
public interface SystemEmails {

    /** Queues {@code email}; answers its id in {@code system_emails}. */
    UUID send(SystemEmail email);

    /** How many emails of {@code kind} were queued to {@code address} (case-insensitive) since {@code since}. */
    long queuedSince(String kind, String address, java.time.Instant since);
}
