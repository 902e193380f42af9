package com.penguinmails.hub.email;

/**
 * Applies normalised provider events: per-recipient status (with the precedence in the README),
 * the event history, suppression of hard bounces, complaints and unsubscribes, campaign metrics.
 * Call it inside the tenant's transaction (an inbound processor runs in one); a duplicate changes
 * nothing.
 */
public interface EmailEvents {

    enum Outcome { RECORDED, DUPLICATE, UNKNOWN_MESSAGE }

    Outcome record(EmailEvent event);
}
