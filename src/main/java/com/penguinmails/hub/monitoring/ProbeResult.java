package com.penguinmails.hub.monitoring;

/** What a {@link HealthProbe} found. */
public sealed interface ProbeResult {

    /** The provider answered as expected. */
    record Up(String detail) implements ProbeResult {
    }

    /**
     * The provider could not be used.
     *
     * @param errorType the gateway's error type ({@code network_error}, {@code api_error},
     *                  {@code authentication_error}, {@code quota_error}, …)
     */
    record Down(String errorType, String detail) implements ProbeResult {
    }

    /** Nothing to check right now (e.g. an OAuth integration without a connected account). */
    record Skipped(String reason) implements ProbeResult {
    }
}
