package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/** Spends a single-use verification token and marks the address verified. */
@Service
class VerifyingEmail {

    private final EmailVerifications verifications;
    private final UserAccounts users;
    private final TenantTransactions transactions;
    private final Clock clock;

    VerifyingEmail(EmailVerifications verifications, UserAccounts users, TenantTransactions transactions,
                   Clock clock) {
        this.verifications = verifications;
        this.users = users;
        this.transactions = transactions;
        this.clock = clock;
    }

    UserAccount verify(String token) {
        Instant now = clock.instant();
        return transactions.inCurrentScope(() -> {
            EmailVerifications.Consumed consumed = verifications.consume(OpaqueTokens.hash(token), now)
                    .orElseThrow(VerifyingEmail::invalid);
            if (!users.markVerified(consumed.userId(), consumed.email(), now)) {
                throw invalid();
            }
            return users.byId(consumed.userId()).orElseThrow(VerifyingEmail::invalid);
        });
    }

    private static ApiProblem invalid() {
        return ApiProblem.badRequest("invalid_verification_token",
                "This verification link is invalid, expired or already used");
    }
}
