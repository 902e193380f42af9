/**
 * Product analytics through the platform's PostHog account (docs/PROVIDERS.md section 4): the
 * {@link com.penguinmails.hub.posthog.ProductAnalytics} client every module may call (events are
 * buffered in memory and sent in batches, at most once), {@link com.penguinmails.hub.posthog.FeatureFlags},
 * and {@link com.penguinmails.hub.posthog.PostHogPersons} for the support desk. Tenants that set
 * {@code analyticsOptOut} in their settings are never captured.
 */
package com.penguinmails.hub.posthog;
