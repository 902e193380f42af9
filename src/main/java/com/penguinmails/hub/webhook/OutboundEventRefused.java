package com.penguinmails.hub.webhook;

/** An event {@link OutboundEvents#publish} refuses: a programming error of the publisher, never retried. */
public class OutboundEventRefused extends RuntimeException {

    public OutboundEventRefused(String message) {
        super(message);
    }
}
