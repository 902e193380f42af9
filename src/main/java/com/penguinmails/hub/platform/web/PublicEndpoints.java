package com.penguinmails.hub.platform.web;

import java.util.List;

/**
 * Paths a module serves without a signed-in user (sign-up, provider webhooks, OAuth callbacks).
 * Each module that has such paths declares a bean; the security configuration collects them all.
 *
 * @param patterns Spring path patterns, e.g. {@code /api/webhooks/**}
 */
public record PublicEndpoints(List<String> patterns) {

    public static PublicEndpoints of(String... patterns) {
        return new PublicEndpoints(List.of(patterns));
    }
}
