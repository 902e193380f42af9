package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.UserSignedUp;

/**
 * Creates an account with {@code email_verified = false} and {@code onboarding_step = 'verify'},
 * and in the same transaction a verification token whose email the email module queues.
 */
@Service
class SigningUp {

    private final UserAccounts users;
    private final EmailVerifications verifications;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final TenancyProperties properties;
    private final Clock clock;

    SigningUp(UserAccounts users, EmailVerifications verifications, Passwords passwords, SignInThrottle throttle,
              TenantTransactions transactions, ApplicationEventPublisher events, TenancyProperties properties,
              Clock clock) {
        this.users = users;
        this.verifications = verifications;
        this.passwords = passwords;
        this.throttle = throttle;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    UserAccount signUp(String email, String password, String name, Map<String, Object> data, String clientAddress) {
        throttle.attemptFrom(clientAddress);
        String normalisedEmail = email.strip();
        String hash = passwords.hash(password);
        Instant now = clock.instant();
        UserAccount user = new UserAccount(UUID.randomUUID(), normalisedEmail, hash, name.strip(), false, "verify",
                data == null ? Map.of() : data, now, now);
        String token = OpaqueTokens.generate();
        Instant expires = now.plus(properties.verificationTtl());
        try {
            return transactions.inCurrentScope(() -> {
                if (users.emailTaken(normalisedEmail)) {
                    throw emailTaken();
                }
                users.insert(user);
                verifications.insert(OpaqueTokens.hash(token), user.id(), normalisedEmail, now, expires);
                events.publishEvent(new UserSignedUp(user.id(), normalisedEmail, user.name(), token, expires));
                return user;
            });
        } catch (DuplicateKeyException raceWithSameEmail) {
            throw emailTaken();
        }
    }

    private static ApiProblem emailTaken() {
        return ApiProblem.conflict("email_taken", "An account with this email address already exists");
    }
}
