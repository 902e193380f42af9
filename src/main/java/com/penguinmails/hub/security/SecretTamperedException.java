package com.penguinmails.hub.security;

/**
 * A sealed secret failed authentication: it was altered, or copied from another row, field or
 * tenant, or its data key is gone. Never silently ignored.
 */
public class SecretTamperedException extends RuntimeException {

    public SecretTamperedException(String message, Throwable cause) {
        super(message, cause);
    }
}
