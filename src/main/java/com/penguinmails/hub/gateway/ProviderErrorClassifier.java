package com.penguinmails.hub.gateway;

import java.util.Set;

/**
 * Refines the gateway's default classification of a provider's non-2xx answer (SPI: provider modules
 * declare beans). The default already maps the HTTP status and reads {@code Retry-After} and the
 * usual rate-limit headers; a classifier reads the provider's error body to do better.
 */
public interface ProviderErrorClassifier {

    /** The provider names this classifier speaks for, e.g. {@code stripe}. */
    Set<String> providers();

    /** Answers the refined error, or {@code byDefault} when it has nothing to add. */
    IntegrationError classify(ProviderResponse response, IntegrationError byDefault);
}
