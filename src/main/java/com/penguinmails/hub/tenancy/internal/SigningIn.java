package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Exchanges email and password for an opaque session token. Unknown email and wrong password give
 * the same answer in the same time, and both spend the throttling budgets.
 */
@Service
class SigningIn {

    private final UserAccounts users;
    private final Sessions sessions;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final TenancyProperties properties;
    private final Clock clock;

    SigningIn(UserAccounts users, Sessions sessions, Passwords passwords, SignInThrottle throttle,
              TenancyProperties properties, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    record SignedIn(String token, Instant expiresAt, UserAccount user) {
        @Override
        public String toString() {
            return "SignedIn[user=" + user.id() + "]";
        }
    }

    SignedIn signIn(String email, String password, String clientAddress, String userAgent) {
        throttle.attemptFrom(clientAddress);
        throttle.checkAccount(email);
        Optional<UserAccount> user = users.byEmail(email.strip());
        boolean valid;
        if (user.isPresent()) {
            valid = passwords.matches(password, user.get().passwordHash());
        } else {
            passwords.spendEqualTime(password);
            valid = false;
        }
        if (!valid) {
            throttle.recordFailure(email);
            throw ApiProblem.unauthorized("invalid_credentials", "The email or password is incorrect");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(properties.sessionTtl());
        String token = OpaqueTokens.generate();
        sessions.insert(OpaqueTokens.hash(token), user.get().id(), now, expires, clientAddress,
                truncate(userAgent, 512));
        return new SignedIn(token, expires, user.get());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
