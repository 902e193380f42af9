package com.penguinmails.hub.email.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.email.SystemEmail;
import com.penguinmails.hub.email.SystemEmails;
import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.tenancy.MemberInvited;

/**
 * Queues the invitation email when someone is invited to a tenant, as a system email in the
 * invitation's own transaction (the same way verification emails go out).
 */
@Component
class InvitationEmails {

    static final String KIND = "tenant_invitation";

    private final SystemEmails outbox;
    private final PlatformProperties platform;

    InvitationEmails(SystemEmails outbox, PlatformProperties platform) {
        this.outbox = outbox;
        this.platform = platform;
    }

    @EventListener
    void on(MemberInvited invited) {
        String link = ConsoleLinks.withToken(platform, "/console/accept-invitation", invited.invitationToken());
        String by = invited.invitedByName() == null ? "A member" : invited.invitedByName();
        String body = """
                Hello,

                %s invited you to join "%s" on PenguinMails as %s.

                To accept, sign in to PenguinMails with this email address (%s) and open this link:

                %s

                Or enter this invitation code in the app: %s

                The invitation expires at %s (UTC). If you do not know why you got this, ignore this email.
                """.formatted(by, invited.tenantName(), invited.role(), invited.email(), link,
                invited.invitationToken(), invited.expiresAt());
        outbox.send(SystemEmail.plain(KIND, invited.email(), "You are invited to PenguinMails", body));
    }
}
