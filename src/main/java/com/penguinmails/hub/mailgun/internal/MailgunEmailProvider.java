package com.penguinmails.hub.mailgun.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
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
    /**
     * Spring's form writer, with multipart boundaries drawn from a generator per thread: the default
     * draws them from one shared {@code SecureRandom} whose lock every concurrent send queued on.
     */
    private final FormHttpMessageConverter form = new FormHttpMessageConverter() {
        @Override
        protected byte[] generateMultipartBoundary() {
            byte[] random = new byte[24];
            BOUNDARY_RANDOM.get().nextBytes(random);
            return ("hub-" + java.util.HexFormat.of().formatHex(random)).getBytes(StandardCharsets.US_ASCII);
        }
    };
    private static final ThreadLocal<java.security.SecureRandom> BOUNDARY_RANDOM =
            ThreadLocal.withInitial(MailgunEmailProvider::drbg);

    private static java.security.SecureRandom drbg() {
        try {
            return java.security.SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    MailgunEmailProvider(ProviderGateway gateway, MailgunProperties properties, JsonMapper json) {
        this.gateway = gateway;
        this.properties = properties;
        this.json = json;
        this.form.setCharset(StandardCharsets.UTF_8);
        this.form.setMultipartCharset(StandardCharsets.UTF_8);
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
        MultiValueMap<String, Object> fields = fields(email);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpHeaders headers = new HttpHeaders();
        try {
            form.write(fields, MediaType.MULTIPART_FORM_DATA, new HttpOutputMessage() {
                @Override
                public OutputStream getBody() {
                    return body;
                }

                @Override
                public HttpHeaders getHeaders() {
                    return headers;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String basic = Base64.getEncoder().encodeToString(("api:" + credentials.get("apiKey")).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", headers.getContentType().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        ProviderResponse response = gateway.call(new ProviderCall(email.tenantId(), integrationId, "mailgun",
                "mailgun.messages.send", request, Urgency.BACKGROUND, null));
        String id = json.readTree(response.body()).path("id").asString("");
        return id.replaceAll("^<|>$", "");
    }

    private MultiValueMap<String, Object> fields(OutgoingEmail email) {
        MultiValueMap<String, Object> fields = new LinkedMultiValueMap<>();
        fields.add("from", email.from());
        email.to().forEach(a -> fields.add("to", a));
        email.cc().forEach(a -> fields.add("cc", a));
        email.bcc().forEach(a -> fields.add("bcc", a));
        addIfPresent(fields, "subject", email.subject());
        addIfPresent(fields, "text", email.text());
        addIfPresent(fields, "html", email.html());
        addIfPresent(fields, "h:Reply-To", email.replyTo());
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

    private static void addIfPresent(MultiValueMap<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.add(name, value);
        }
    }
}
