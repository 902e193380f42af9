package com.penguinmails.hub.posthog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads persons from PostHog's private API with the platform's personal API key, for the support
 * desk's customer view (rate limited to PostHog's 240 per minute and 1200 per hour).
 */
public interface PostHogPersons {

    /** A PostHog person: its id, every distinct id merged into it, and its properties. */
    record Person(String id, List<String> distinctIds, Map<String, Object> properties, Instant createdAt) {
    }

    /**
     * The persons with this distinct id (normally one, none when unknown).
     *
     * @throws com.penguinmails.hub.gateway.ProviderCallFailed when PostHog fails or refuses, or with a
     *         {@code configuration_error} when no personal API key or project id is configured
     */
    List<Person> persons(String distinctId);
}
