package com.penguinmails.hub.email.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.oauth.MailboxSender;
import com.penguinmails.hub.oauth.OAuthConnections;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.platform.web.ApiProblem.FieldProblem;

/**
 * A connected Gmail or Microsoft 365 mailbox as a sender beside the ESPs: the message names the
 * OAuth connection, which must be active and able to send; provider templates do not apply.
 */
@Component
class MailboxChoice {

    private final OAuthConnections connections;
    private final MailboxSender sender;

    MailboxChoice(OAuthConnections connections, MailboxSender sender) {
        this.connections = connections;
        this.sender = sender;
    }

    /** The connection's integration, after checking the connection can send this message. */
    UUID integrationOf(UUID tenantId, UUID connectionId, String templateId) {
        if (templateId != null) {
            throw ApiProblem.invalidFields(List.of(new FieldProblem("templateId",
                    "provider templates need an ESP; a mailbox sends html or text")));
        }
        OAuthConnections.Connection connection = connections.find(tenantId, connectionId)
                .filter(c -> "active".equals(c.status()))
                .filter(c -> sender.canSend(tenantId, connectionId))
                .orElseThrow(() -> ApiProblem.invalidFields(List.of(new FieldProblem("connectionId",
                        "must be an active Gmail or Microsoft 365 connection of this tenant"))));
        return connection.integrationId();
    }
}
