package com.penguinmails.hub.sendgrid.internal;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.email.EmailProvider;
import com.penguinmails.hub.email.OutgoingEmail;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;

/**
 * Sends through SendGrid's {@code POST /v3/mail/send}: JSON with Bearer auth, one personalization
 * carrying the recipients, the hub's ids as {@code custom_args} and a template's
 * {@code dynamic_template_data}. SendGrid answers 202 with the message id in {@code X-Message-Id}.
 */
@Component
class SendGridEmailProvider implements EmailProvider {

    private static final Pattern NAMED = Pattern.compile("^\\s*(.*?)\\s*<([^>]+)>\\s*$");

    private final ProviderGateway gateway;
    private final SendGridProperties properties;
    private final JsonMapper json;

    SendGridEmailProvider(ProviderGateway gateway, SendGridProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String provider() {
        return "sendgrid";
    }

    @Override
    public String send(OutgoingEmail email, UUID integrationId, Map<String, Object> configuration,
                       Map<String, String> credentials) {
        Map<String, Object> body = body(email, configuration);
        HttpRequest request = HttpRequest.newBuilder(properties.baseUrl().resolve("/v3/mail/send"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + credentials.get("apiKey"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        ProviderResponse response = gateway.call(new ProviderCall(email.tenantId(), integrationId, "sendgrid",
                "sendgrid.mail.send", request, Urgency.BACKGROUND, null));
        return response.headers().firstValue("X-Message-Id").orElse("");
    }

    Map<String, Object> body(OutgoingEmail email, Map<String, Object> configuration) {
        Map<String, Object> personalization = new LinkedHashMap<>();
        personalization.put("to", addresses(email.to()));
        if (!email.cc().isEmpty()) {
            personalization.put("cc", addresses(email.cc()));
        }
        if (!email.bcc().isEmpty()) {
            personalization.put("bcc", addresses(email.bcc()));
        }
        personalization.put("custom_args", email.trackingVariables());
        if (email.templateId() != null && email.templateData() != null) {
            personalization.put("dynamic_template_data", email.templateData());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personalizations", List.of(personalization));
        body.put("from", address(email.from()));
        if (email.replyTo() != null) {
            body.put("reply_to", address(email.replyTo()));
        }
        if (email.subject() != null) {
            body.put("subject", email.subject());
        }
        List<Map<String, String>> content = new ArrayList<>();
        if (email.text() != null) {
            content.add(Map.of("type", "text/plain", "value", email.text()));
        }
        if (email.html() != null) {
            content.add(Map.of("type", "text/html", "value", email.html()));
        }
        if (!content.isEmpty()) {
            body.put("content", content);
        }
        if (email.templateId() != null) {
            body.put("template_id", email.templateId());
        }
        if (email.tags() != null && !email.tags().isEmpty()) {
            body.put("categories", email.tags());
        }
        if (email.headers() != null && !email.headers().isEmpty()) {
            body.put("headers", email.headers());
        }
        if (configuration.get("ipPool") != null) {
            body.put("ip_pool_name", configuration.get("ipPool"));
        }
        return body;
    }

    private static List<Map<String, String>> addresses(List<String> list) {
        return list.stream().map(SendGridEmailProvider::address).toList();
    }

    static Map<String, String> address(String mailbox) {
        Matcher named = NAMED.matcher(mailbox);
        if (named.matches() && !named.group(1).isEmpty()) {
            return Map.of("email", named.group(2), "name", named.group(1).replaceAll("^\"|\"$", ""));
        }
        return Map.of("email", named.matches() ? named.group(2) : mailbox.strip());
    }
}
