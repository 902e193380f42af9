package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.VerificationEmailRequested;

/**
 * Sends the signed-in user another verification email: a new single-use token (earlier ones stay
 * valid until they expire). Throttled per user over the tokens already issued, the sign-up's
 * included: at most one per {@code verification-resend.interval} and {@code per-day} within 24
 * hours, beyond which it answers {@code 429 verification_throttled} with {@code Retry-After}. The
 * user's row is locked meanwhile, so two requests at once cannot both pass.
 */
@Service
class ResendingVerification {

    private static final Duration DAY = Duration.ofDays(1);

    private final UserAccounts users;
    private final EmailVerifications verifications;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;
    private final TenancyProperties properties;
    private final Clock clock;

    ResendingVerification(UserAccounts users, EmailVerifications verifications, TenantTransactions transactions,
                          ApplicationEventPublisher events, TenancyProperties properties, Clock clock) {
        this.users = users;
        this.verifications = verifications;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Answers when the new link expires. */
    Instant resend(CurrentUser current) {
        Instant now = clock.instant();
        return transactions.inCurrentScope(() -> {
            UserAccount user = users.lock(current.id())
                    .orElseThrow(() -> ApiProblem.unauthorized("unauthenticated", "Sign in first"));
            if (user.emailVerified()) {
                throw ApiProblem.conflict("email_already_verified", "Your email address is already verified");
            }
            List<Instant> issued = verifications.issuedSince(user.id(), now.minus(DAY));
            TenancyProperties.VerificationResend limits = properties.verificationResend();
            if (!issued.isEmpty()) {
                Instant next = issued.get(issued.size() - 1).plus(limits.interval());
                if (next.isAfter(now)) {
                    throw throttled("one verification email per " + limits.interval().toSeconds() + " seconds",
                            Duration.between(now, next));
                }
            }
            if (issued.size() >= limits.perDay()) {
                Instant next = issued.get(issued.size() - limits.perDay()).plus(DAY);
                throw throttled(limits.perDay() + " verification emails per day", Duration.between(now, next));
            }
            String token = OpaqueTokens.generate();
            Instant expires = now.plus(properties.verificationTtl());
            verifications.insert(OpaqueTokens.hash(token), user.id(), user.email(), now, expires);
            events.publishEvent(new VerificationEmailRequested(user.id(), user.email(), user.name(), token, expires));
            return expires;
        });
    }

    private static ApiProblem throttled(String limit, Duration wait) {
        Duration rounded = Duration.ofSeconds(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)));
        return ApiProblem.tooManyRequests("verification_throttled", "At most " + limit
                + " may be sent; try again in " + rounded.toSeconds() + " seconds", rounded);
    }
}
