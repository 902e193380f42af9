package com.penguinmails.hub.providerkeys;

/** What the provider said about a key. */
public sealed interface KeyTestOutcome {

    String detail();

    record Passed(String detail) implements KeyTestOutcome {
    }

    record Failed(String detail) implements KeyTestOutcome {
    }
}
