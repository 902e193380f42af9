package com.penguinmails.hub.email.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.tenancy.UserSignedUp;
import com.penguinmails.hub.tenancy.VerificationEmailRequested;

/**
 * Queues the "verify your address" email when someone signs up or asks for another one. A synchronous
 * listener on purpose: it writes in the sign-up (or resend) transaction, so there is never a token
 * without its email or an email without its token.
 */
@Component
class VerificationEmails {

    static final String KIND = "verify_email";

    private final SystemEmails outbox;
    private final PlatformProperties platform;

    VerificationEmails(SystemEmails outbox, PlatformProperties platform) {
        this.outbox = outbox;
        this.platform = platform;
    }

    @EventListener
    void on(UserSignedUp signedUp) {
        send(signedUp.email(), signedUp.name(), signedUp.verificationToken(), signedUp.verificationExpiresAt());
    }

    @EventListener
    void on(VerificationEmailRequested requested) {
        send(requested.email(), requested.name(), requested.verificationToken(), requested.verificationExpiresAt());
    }

    private void send(String to, String name, String token, java.time.Instant expiresAt) {
        String link = ConsoleLinks.withToken(platform, "/console/verify-email", token);
        String body = """
                Hello %s,

                please confirm that this is your email address by opening this link:

                %s

                Or enter this code in the app: %s

                The link expires at %s (UTC). If you did not sign up for PenguinMails, ignore this email.
                """.formatted(name, link, token, expiresAt);
        outbox.send(SystemEmail.plain(KIND, to, "Verify your PenguinMails email address", body));
    }
}
