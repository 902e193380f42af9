package com.penguinmails.hub.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;

/** The support desk's test fixtures: staff agents, the system emails the desk queued, inbound email posts. */
public final class SupportFixtures {

    static {
        TestSecrets.register(HubIntegrationTest.SUPPORT_INBOUND_SECRET);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SupportFixtures() {
    }

    /** A signed-in PenguinMails staff agent. */
    public static HubClient.SignedInUser agent(HubClient hub, String name) {
        HubClient.SignedInUser user = hub.signedInUser(name);
        owner("insert into staff_members (user_id, role) values (?::uuid, 'agent')", user.id().toString());
        return user;
    }

    /** A signed-in PenguinMails staff admin (chooses the desk tenant). */
    public static HubClient.SignedInUser staffAdmin(HubClient hub, String name) {
        HubClient.SignedInUser user = hub.signedInUser(name);
        owner("insert into staff_members (user_id, role) values (?::uuid, 'admin')", user.id().toString());
        return user;
    }

    /** One email the hub queued for itself to send. */
    public record QueuedEmail(String kind, String to, String subject, String text, String replyTo, String headers) {

        public String header(String name) {
            var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(headers);
            return m.find() ? m.group(1) : null;
        }
    }

    public static List<QueuedEmail> emailsTo(String address) {
        List<QueuedEmail> emails = new ArrayList<>();
        try (Connection c = TestDatabase.asOwner(); PreparedStatement ps = c.prepareStatement("""
                select kind, to_address, subject, body_text, reply_to, headers::text from system_emails
                where lower(to_address) = lower(?) order by created_at, id""")) {
            ps.setString(1, address);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    emails.add(new QueuedEmail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return emails;
    }

    public static List<QueuedEmail> emailsOfKind(String address, String kind) {
        return emailsTo(address).stream().filter(e -> e.kind().equals(kind)).toList();
    }

    public static long count(String sql, Object... args) {
        return TestDatabase.count(sql, args);
    }

    public static void owner(String sql, Object... args) {
        TestDatabase.execute(sql, args);
    }

    public record Posted(int status, String body) {
    }

    /** A Mailgun route forward, signed with the platform Mailgun key (or {@code key}). */
    public static Posted mailgun(String base, Map<String, String> fields, String key) {
        return mailgun(base, fields, key, String.valueOf(Instant.now().getEpochSecond()),
                UUID.randomUUID().toString().replace("-", "") + "abcdefghijklmnopqrst");
    }

    /** A Mailgun route forward with a given signature timestamp and token. */
    public static Posted mailgun(String base, Map<String, String> fields, String key, String timestamp, String token) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("timestamp", timestamp);
        form.put("token", token);
        form.put("signature", hmacHex(key, timestamp + token));
        return post(base + "/api/v1/support/inbound/mailgun", "application/x-www-form-urlencoded",
                urlEncoded(form).getBytes(StandardCharsets.UTF_8), null);
    }

    public static Posted mailgun(String base, Map<String, String> fields) {
        return mailgun(base, fields, HubIntegrationTest.PLATFORM_MAILGUN_KEY);
    }

    /** A raw RFC 822 message with HTTP Basic and the inbound secret (or {@code secret}). */
    public static Posted raw(String base, String message, String secret) {
        return post(base + "/api/v1/support/inbound/raw", "message/rfc822", message.getBytes(StandardCharsets.UTF_8),
                secret == null ? null : basic(secret));
    }

    public static Posted raw(String base, String message) {
        return raw(base, message, HubIntegrationTest.SUPPORT_INBOUND_SECRET);
    }

    /** A SendGrid inbound-parse post as multipart/form-data. */
    public static Posted sendGrid(String base, Map<String, String> fields, String secret) {
        String boundary = "----pm" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return post(base + "/api/v1/support/inbound/sendgrid", "multipart/form-data; boundary=" + boundary,
                body.toString().getBytes(StandardCharsets.UTF_8), secret == null ? null : basic(secret));
    }

    /** A SendGrid inbound-parse post whose fields are given as the bytes SendGrid sends (each in its own charset). */
    public static Posted sendGridBytes(String base, Map<String, byte[]> fields, String secret) {
        String boundary = "----pm" + UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(value);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return post(base + "/api/v1/support/inbound/sendgrid", "multipart/form-data; boundary=" + boundary,
                body.toByteArray(), secret == null ? null : basic(secret));
    }

    public static String rfc822(String from, String subject, String messageId, String inReplyTo, String body) {
        return rfc822(from, subject, messageId, inReplyTo, inReplyTo, body);
    }

    /** A plain-text message whose In-Reply-To and References are set independently (either may be null). */
    public static String rfc822(String from, String subject, String messageId, String inReplyTo, String references,
                                String body) {
        return headers(from, subject, messageId, inReplyTo, references)
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    }

    /** A multipart/alternative message: the plain text, then the same as HTML. */
    public static String alternative(String from, String subject, String messageId, String text, String html) {
        String boundary = "alt-" + UUID.randomUUID();
        return headers(from, subject, messageId, null, null)
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
                + "--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n"
                + "--" + boundary + "--\r\n";
    }

    private static String headers(String from, String subject, String messageId, String inReplyTo, String references) {
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(from).append("\r\n");
        m.append("To: support@penguinmails.com\r\n");
        m.append("Subject: ").append(subject).append("\r\n");
        if (messageId != null) {
            m.append("Message-ID: ").append(messageId).append("\r\n");
        }
        if (inReplyTo != null) {
            m.append("In-Reply-To: ").append(inReplyTo).append("\r\n");
        }
        if (references != null) {
            m.append("References: ").append(references).append("\r\n");
        }
        m.append("Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n");
        m.append("MIME-Version: 1.0\r\n");
        return m.toString();
    }

    public static String newMessageId() {
        return "<" + UUID.randomUUID() + "@customer.example.com>";
    }

    private static String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(("inbound:" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Posted post(String url, String contentType, byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Posted(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String urlEncoded(Map<String, String> form) {
        StringBuilder s = new StringBuilder();
        form.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
