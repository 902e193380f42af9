package com.penguinmails.hub.oauth.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;
import com.penguinmails.hub.oauth.MailboxMessage;
import com.penguinmails.hub.oauth.MailboxSender;
import com.penguinmails.hub.oauth.OAuthTokenUnavailable;

/**
 * Gmail: {@code POST /gmail/v1/users/me/messages/send} with {@code {"raw": base64url(RFC 5322)}}.
 * Microsoft 365: Graph {@code POST /v1.0/me/sendMail} with the message as JSON (Graph answers 202
 * without an id; its {@code request-id} stands in).
 */
@Service
class MailboxSending implements MailboxSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ProviderApis apis;
    private final JsonMapper json;
    private final Clock clock;

    MailboxSending(ProviderApis apis, JsonMapper json, Clock clock) {
        this.apis = apis;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean canSend(UUID tenantId, UUID connectionId) {
        String api = apis.account(tenantId, connectionId).settings().mailApi();
        return "gmail".equals(api) || "graph".equals(api);
    }

    @Override
    public String send(UUID tenantId, UUID connectionId, MailboxMessage message) {
        ProviderApis.Account account = apis.account(tenantId, connectionId);
        return switch (account.settings().mailApi()) {
            case "gmail" -> gmail(account, message);
            case "graph" -> graph(account, message);
            default -> throw new OAuthTokenUnavailable("mail_not_supported",
                    "Connections of " + account.connection().provider() + " cannot send mail");
        };
    }

    private String gmail(ProviderApis.Account account, MailboxMessage message) {
        String from = account.connection().accountEmail();
        if (from == null) {
            throw new OAuthTokenUnavailable("mail_not_supported", "The connected account has no email address");
        }
        byte[] rfc5322 = Rfc5322Message.render(message, from, clock.instant().atZone(ZoneOffset.UTC),
                UUID.randomUUID().toString().replace("-", ""));
        String body = json.writeValueAsString(Map.of("raw", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(rfc5322)));
        URI uri = URI.create(account.settings().mailApiUri() + "/gmail/v1/users/me/messages/send");
        ProviderResponse response = apis.call(account, "gmail.messages.send", Urgency.BACKGROUND,
                token -> post(uri, token, body));
        JsonNode answer = json.readTree(response.bodyText());
        return answer.path("id").asString();
    }

    private String graph(ProviderApis.Account account, MailboxMessage message) {
        Map<String, Object> graphMessage = new LinkedHashMap<>();
        graphMessage.put("subject", message.subject());
        graphMessage.put("body", message.htmlBody() != null
                ? Map.of("contentType", "HTML", "content", message.htmlBody())
                : Map.of("contentType", "Text", "content", message.textBody()));
        graphMessage.put("toRecipients", recipients(message.to()));
        if (!message.cc().isEmpty()) {
            graphMessage.put("ccRecipients", recipients(message.cc()));
        }
        if (!message.bcc().isEmpty()) {
            graphMessage.put("bccRecipients", recipients(message.bcc()));
        }
        if (message.replyTo() != null) {
            graphMessage.put("replyTo", recipients(List.of(message.replyTo())));
        }
        String body = json.writeValueAsString(Map.of("message", graphMessage, "saveToSentItems", true));
        URI uri = URI.create(account.settings().mailApiUri() + "/v1.0/me/sendMail");
        ProviderResponse response = apis.call(account, "graph.sendMail", Urgency.BACKGROUND,
                token -> post(uri, token, body));
        String requestId = response.header("request-id");
        return requestId != null ? requestId : response.header("client-request-id");
    }

    private static List<Map<String, Object>> recipients(List<String> addresses) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String address : addresses) {
            list.add(Map.of("emailAddress", Map.of("address", Rfc5322Message.address(address))));
        }
        return list;
    }

    private static HttpRequest post(URI uri, String token, String body) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
