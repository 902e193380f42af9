package com.penguinmails.hub.posthog;

import java.time.Instant;
import java.util.Map;

/**
 * Feature flags evaluated for one user (and organisation).
 *
 * @param flags  flag key → {@code true}/{@code false}, or the variant name of a multivariate flag
 * @param source {@code posthog} when PostHog answered (possibly from the short-lived cache);
 *               {@code defaults} when it could not be asked (not configured, unreachable, failing,
 *               or the tenant opted out of analytics) and the configured defaults apply
 */
public record FlagSet(Map<String, Object> flags, String source, Instant evaluatedAt) {

    public static final String POSTHOG = "posthog";
    public static final String DEFAULTS = "defaults";

    public FlagSet {
        flags = Map.copyOf(flags);
    }

    /** True for an enabled boolean flag or any variant; false for a disabled or unknown flag. */
    public boolean isEnabled(String key) {
        Object value = flags.get(key);
        return value instanceof Boolean b ? b : value != null;
    }

    /** The variant of a multivariate flag, or null. */
    public String variant(String key) {
        return flags.get(key) instanceof String s ? s : null;
    }
}
