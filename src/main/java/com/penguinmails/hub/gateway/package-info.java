/**
 * The one way out of the hub: every call to a provider goes through
 * {@link com.penguinmails.hub.gateway.ProviderGateway}, which applies the integration's rate limits,
 * circuit breaker and retry policy, classifies failures into the guide's error types, records them
 * and measures every call. Provider modules refine the classification with
 * {@link com.penguinmails.hub.gateway.ProviderErrorClassifier} beans.
 */
package com.penguinmails.hub.gateway;
