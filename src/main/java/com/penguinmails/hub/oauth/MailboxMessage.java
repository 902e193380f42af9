package com.penguinmails.hub.oauth;

import java.util.List;
import java.util.Objects;

/**
 * A message to send from a connected mailbox. The sender is the connected account; at least one
 * recipient and one body are required.
 *
 * @param fromName optional display name for the connected address
 * @param textBody plain-text body; nullable when {@code htmlBody} is set
 * @param htmlBody HTML body; nullable when {@code textBody} is set
 */
public record MailboxMessage(String fromName, List<String> to, List<String> cc, List<String> bcc, String replyTo,
                             String subject, String textBody, String htmlBody) {

    public MailboxMessage {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        subject = Objects.requireNonNullElse(subject, "");
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new IllegalArgumentException("A message needs at least one recipient");
        }
        if (textBody == null && htmlBody == null) {
            throw new IllegalArgumentException("A message needs a text or an HTML body");
        }
    }
}
