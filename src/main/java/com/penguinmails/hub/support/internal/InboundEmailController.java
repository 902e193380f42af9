package com.penguinmails.hub.support.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.support.internal.SupportApi.InboundOutcome;
import com.penguinmails.hub.webhook.Freshness;

/**
 * Email into the desk. Mailgun routes are verified like Mailgun webhooks (HMAC-SHA256 of timestamp and
 * token with the signing key, in constant time, within the replay window); SendGrid inbound parse and
 * raw MIME carry the configured secret as the HTTP Basic password (SendGrid: put it in the parse URL,
 * {@code https://inbound:<secret>@host/api/v1/support/inbound/sendgrid}). Answers 200 once what the
 * email did (a ticket, a reply, nothing for a duplicate) is committed; 400 for something that is not an
 * email, with nothing stored.
 */
@RestController
@RequestMapping("/api/v1/support/inbound")
@Tag(name = "Support inbound email", description = "Email to ticket: Mailgun routes, SendGrid inbound parse, raw MIME")
class InboundEmailController {

    private final InboundEmailParser parser;
    private final InboundTokens tokens;
    private final EmailToTicket emailToTicket;
    private final SupportProperties.Inbound inbound;
    private final String mailgunKey;
    private final Clock clock;
    private final JsonMapper json;

    InboundEmailController(InboundEmailParser parser, InboundTokens tokens, EmailToTicket emailToTicket, SupportProperties properties,
                           @Value("${hub.webhook.platform-accounts.mailgun.webhookSigningKey:}") String platformMailgunKey,
                           Clock clock, JsonMapper json) {
        this.parser = parser;
        this.tokens = tokens;
        this.emailToTicket = emailToTicket;
        this.inbound = properties.inbound();
        String configured = inbound.mailgunSigningKey();
        this.mailgunKey = configured != null && !configured.isBlank() ? configured : platformMailgunKey;
        this.clock = clock;
        this.json = json;
    }

    @PostMapping("/mailgun")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The provider's form fields", content = {
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "object")),
            @Content(mediaType = "multipart/form-data", schema = @Schema(type = "object"))})
    @Operation(operationId = "receiveMailgunInboundEmail", summary = "A Mailgun route's forward (store/notify): signed with the account's webhook signing key")
    InboundOutcome mailgun(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form) {
        Map<String, String> fields = single(form);
        if (mailgunKey == null || mailgunKey.isBlank()) {
            throw ApiProblem.notFound("inbound_disabled", "No Mailgun signing key is configured for inbound email");
        }
        String timestamp = fields.getOrDefault("timestamp", "");
        String token = fields.getOrDefault("token", "");
        String signature = fields.getOrDefault("signature", "");
        if (timestamp.isEmpty() || token.isEmpty() || signature.isEmpty()
                || !Freshness.within(timestamp, clock.instant(), inbound.replayWindow())) {
            throw badSignature();
        }
        byte[] expected = HexFormat.of().formatHex(hmac(mailgunKey, timestamp + token)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw badSignature();
        }
        InboundEmail email = parse(() -> parser.mailgun(fields));
        String identity = email.messageId() != null ? email.messageId()
                : email.fromAddress() + "\n" + email.subject() + "\n" + email.body();
        InboundTokens.Claim claim = tokens.claim(token, identity);
        if (!claim.allowed()) {
            throw ApiProblem.unauthorized("invalid_signature", "This Mailgun signature already carried another email");
        }
        try {
            return receive(email, "mailgun");
        } catch (RuntimeException refused) {
            if (claim == InboundTokens.Claim.NEW) {
                tokens.release(token, identity);
            }
            throw refused;
        }
    }

    @PostMapping("/sendgrid")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The provider's form fields", content = {
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "object")),
            @Content(mediaType = "multipart/form-data", schema = @Schema(type = "object"))})
    @Operation(operationId = "receiveSendGridInboundEmail", summary = "SendGrid inbound parse (raw or parsed), authenticated by HTTP Basic with the inbound secret")
    InboundOutcome sendGrid(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form,
                            HttpServletRequest request) {
        requireSecret(authorization);
        return handle(() -> parser.sendGrid(SendGridFields.of(request, single(form), json)), "sendgrid");
    }

    @PostMapping("/raw")
    @Operation(operationId = "receiveRawInboundEmail", summary = "A raw RFC 822 message, authenticated by HTTP Basic with the inbound secret")
    InboundOutcome raw(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                       @RequestBody byte[] message) {
        requireSecret(authorization);
        return handle(() -> parser.raw(message), "raw");
    }

    private InboundOutcome handle(java.util.function.Supplier<InboundEmail> parse, String provider) {
        return receive(parse(parse), provider);
    }

    private static InboundEmail parse(java.util.function.Supplier<InboundEmail> parse) {
        try {
            return parse.get();
        } catch (InboundEmailParser.NotAnEmail e) {
            throw ApiProblem.badRequest("not_an_email", e.getMessage());
        }
    }

    private InboundOutcome receive(InboundEmail email, String provider) {
        EmailToTicket.Outcome outcome = emailToTicket.receive(email, provider);
        return new InboundOutcome(outcome.action(), outcome.matchedBy(), outcome.number());
    }

    private void requireSecret(String authorization) {
        String secret = inbound.secret();
        if (secret == null || secret.isBlank()) {
            throw ApiProblem.notFound("inbound_disabled", "No inbound secret is configured (hub.support.inbound.secret)");
        }
        byte[] given = new byte[0];
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                given = (colon < 0 ? decoded : decoded.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                given = new byte[0];
            }
        }
        if (!MessageDigest.isEqual(given, secret.getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblem.unauthorized("inbound_unauthenticated", "HTTP Basic with the inbound secret is required");
        }
    }

    private static Map<String, String> single(MultiValueMap<String, String> form) {
        Map<String, String> fields = new HashMap<>();
        form.forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                fields.put(name, values.get(0));
            }
        });
        return fields;
    }

    private static ApiProblem badSignature() {
        return ApiProblem.unauthorized("invalid_signature", "The Mailgun signature is missing, stale or wrong");
    }

    private static byte[] hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
