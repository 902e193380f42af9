package com.penguinmails.hub.oauth;

import java.util.UUID;

/**
 * Sends mail from a connected mailbox: Gmail ({@code users.messages.send} with the raw RFC 5322
 * message) or Microsoft 365 (Graph {@code sendMail}). The email module uses it as a further sender
 * beside Mailgun and SendGrid. Call it outside any database transaction.
 */
public interface MailboxSender {

    /** Whether the connection's provider can send mail (Gmail or Microsoft 365). */
    boolean canSend(UUID tenantId, UUID connectionId);

    /**
     * Sends the message as the connected account; answers the provider's id of the sent message
     * (Gmail's message id; Graph answers none, so its {@code request-id}).
     *
     * @throws OAuthTokenUnavailable when the connection cannot be used
     * @throws com.penguinmails.hub.gateway.ProviderCallFailed when the provider refused or failed
     */
    String send(UUID tenantId, UUID connectionId, MailboxMessage message);
}
