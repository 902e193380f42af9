package com.penguinmails.hub.mailgun.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.email.EmailProvider;
import com.penguinmails.hub.email.OutgoingEmail;
import com.penguinmails.hub.gateway.ProviderCall;
import com.penguinmails.hub.gateway.ProviderGateway;
import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;

/**
 * Sends through Mailgun's {@code POST /v3/{domain}/messages} as {@code multipart/form-data} with
 * HTTP Basic {@code api:<key>}, on the integration's region (US or EU). The hub's ids travel as
 * {@code v:} variables and come back in events as {@code user-variables}.
 */
@Component
class MailgunEmailProvider implements EmailProvider {

    /** Mailgun keeps at most three tags per message. */
    private static final int MAX_TAGS = 3;

    private final ProviderGateway gateway;
    private final MailgunProperties properties;
    private final JsonMapper json;

    MailgunEmailProvider(ProviderGateway gateway, MailgunProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String provider() {
        return "mailgun";
    }

    @Override
    public String send(OutgoingEmail email, UUID integrationId, Map<String, Object> configuration,
                       Map<String, String> credentials) {
        String domain = configuration.get("domain").toString();
        URI uri = properties.baseUrl(configuration.get("region"))
                .resolve("/v3/" + URLEncoder.encode(domain, StandardCharsets.UTF_8) + "/messages");
        MultipartForm form = fields(email);
        String basic = Base64.getEncoder().encodeToString(("api:" + credentials.get("apiKey")).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();
        ProviderResponse response = gateway.call(new ProviderCall(email.tenantId(), integrationId, "mailgun",
                "mailgun.messages.send", request, Urgency.BACKGROUND, null));
        return withoutAngleBrackets(json.readTree(response.body()).path("id").asString(""));
    }

    /** Mailgun answers {@code "<id@domain>"}; its events name the message {@code id@domain}. */
    static String withoutAngleBrackets(String id) {
        int from = id.startsWith("<") ? 1 : 0;
        int to = id.length() > from && id.endsWith(">") ? id.length() - 1 : id.length();
        return id.substring(from, to);
    }

    private MultipartForm fields(OutgoingEmail email) {
        MultipartForm fields = new MultipartForm();
        fields.add("from", email.from());
        email.to().forEach(a -> fields.add("to", a));
        email.cc().forEach(a -> fields.add("cc", a));
        email.bcc().forEach(a -> fields.add("bcc", a));
        fields.add("subject", email.subject());
        fields.add("text", email.text());
        fields.add("html", email.html());
        fields.add("h:Reply-To", email.replyTo());
        if (email.templateId() != null) {
            fields.add("template", email.templateId());
            if (email.templateData() != null) {
                fields.add("t:variables", json.writeValueAsString(email.templateData()));
            }
        }
        List<String> tags = email.tags() == null ? List.of() : email.tags();
        tags.stream().limit(MAX_TAGS).forEach(tag -> fields.add("o:tag", tag));
        email.trackingVariables().forEach((name, value) -> fields.add("v:" + name, value));
        if (email.headers() != null) {
            email.headers().forEach((name, value) -> fields.add("h:" + name, value));
        }
        return fields;
    }
}
