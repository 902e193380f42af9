package com.penguinmails.hub.providerkeys;

/**
 * Checks a candidate key against its provider with a cheap, harmless call (through the gateway).
 * Implemented by each provider module for the credential fields it knows.
 */
public interface ProviderKeyTester {

    boolean supports(String provider, String field);

    KeyTestOutcome test(KeyUnderTest key);
}
