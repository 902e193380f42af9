package com.penguinmails.hub.email.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.tenancy.UserSignedUp;

/**
 * Queues the "verify your address" email when someone signs up. A synchronous listener on purpose:
 * it writes in the sign-up transaction, so there is never an account without its email or an
 * email without its account.
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
        String link = platform.publicBaseUrl().toString().replaceAll("/+$", "") + "/console/verify-email?token="
                + URLEncoder.encode(signedUp.verificationToken(), StandardCharsets.UTF_8);
        String body = """
                Hello %s,

                please confirm that this is your email address by opening this link:

                %s

                Or enter this code in the app: %s

                The link expires at %s (UTC). If you did not sign up for PenguinMails, ignore this email.
                """.formatted(signedUp.name(), link, signedUp.verificationToken(), signedUp.verificationExpiresAt());
        outbox.send(SystemEmail.plain(KIND, signedUp.email(), "Verify your PenguinMails email address", body));
    }
}
