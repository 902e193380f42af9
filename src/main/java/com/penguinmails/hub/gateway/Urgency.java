package com.penguinmails.hub.gateway;

/** How a call waits for a rate-limit permit. */
public enum Urgency {
    /** waits for a permit, up to {@code hub.gateway.max-permit-wait}, then fails with rate_limit */
    BACKGROUND,
    /** fails at once with a rate_limit error carrying {@code retryAfter} when no permit is free */
    CALLER_FACING
}
