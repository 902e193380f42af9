package com.penguinmails.hub.tenancy.internal;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Slows password guessing: each client address gets a budget of attempts, and each account a
 * budget of failures (so a user's own successful sign-ins never lock them out). Buckets live in
 * this node's memory; with several nodes each enforces its own budget.
 */
@Component
class SignInThrottle {

    private final TenancyProperties.SignIn settings;
    private final Cache<String, Bucket> addresses;
    private final Cache<String, Bucket> accounts;

    SignInThrottle(TenancyProperties properties) {
        this.settings = properties.signIn();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(settings.addressWindow().multipliedBy(2)).build();
        this.accounts = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(settings.accountWindow().multipliedBy(2)).build();
    }

    /** Spends one attempt of the address's budget, or refuses with 429. */
    void attemptFrom(String clientAddress) {
        Bucket bucket = addresses.get(String.valueOf(clientAddress),
                key -> bucket(settings.attemptsPerAddress(), settings.addressWindow()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw throttled(probe.getNanosToWaitForRefill());
        }
    }

    /** Refuses with 429 when the account has no failures left in its budget. */
    void checkAccount(String email) {
        Bucket bucket = accounts.getIfPresent(key(email));
        if (bucket != null) {
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                throw throttled(probe.getNanosToWaitForRefill());
            }
        }
    }

    void recordFailure(String email) {
        accounts.get(key(email), k -> bucket(settings.failuresPerAccount(), settings.accountWindow()))
                .tryConsume(1);
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static Bucket bucket(int capacity, Duration window) {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build();
    }

    private static ApiProblem throttled(long nanos) {
        return ApiProblem.tooManyRequests("too_many_attempts",
                "Too many sign-in attempts; try again later", Duration.ofNanos(nanos));
    }
}
