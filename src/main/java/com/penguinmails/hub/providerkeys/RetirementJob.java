package com.penguinmails.hub.providerkeys;

/** Runs one pass of the retirement of keys past their grace period (it also runs on a schedule). */
public interface RetirementJob {

    /** @return how many retired keys were revoked and erased in this pass */
    int run();
}
