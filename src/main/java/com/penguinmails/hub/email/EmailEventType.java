package com.penguinmails.hub.email;

import com.fasterxml.jackson.annotation.JsonValue;

/** The normalised delivery events of every provider. */
public enum EmailEventType {
    DELIVERED, BOUNCED, DEFERRED, DROPPED, COMPLAINED, UNSUBSCRIBED, OPENED, CLICKED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }
}
