package com.penguinmails.hub.email;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.ProviderStubs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sending through WireMock ESPs: the exact requests each provider receives, idempotency, suppression, failover. */
class EmailSendingIntegrationTests extends HubIntegrationTest {

    private final WireMockServer stubs = ProviderStubs.server();
    private EmailFixtures f;

    @BeforeEach
    void aTenant() {
        f = new EmailFixtures(hub());
    }

    private String messagesPath() {
        return "/v3/" + f.domain + "/messages";
    }

    private void mailgunAccepts(String host) {
        stubs.stubFor(post(urlEqualTo(messagesPath())).withHost(equalTo(host))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"<20240101.abc@" + f.domain + ">\",\"message\":\"Queued. Thank you.\"}")));
    }

    private JsonNode awaitStatus(UUID message, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                status.equals(hub().get(f.base() + "/emails/" + message, f.owner.token()).body().get("status").asString()));
        return hub().get(f.base() + "/emails/" + message, f.owner.token()).body();
    }

    @Test
    void mailgunEuReceivesAMultipartMessageWithEveryField() {
        mailgunAccepts("127.0.0.1");
        f.defaults(f.mailgun("EU"), null);
        Map<String, Object> body = f.message("Grace@Example.com");
        body.put("cc", List.of("cc@example.com"));
        body.put("bcc", List.of("bcc@example.com"));
        body.put("replyTo", "replies@" + f.domain);
        body.put("tags", List.of("launch", "q4"));
        body.put("headers", Map.of("X-Campaign-Name", "Launch"));
        body.put("variables", Map.of("segment", "vip"));

        Response queued = hub().post(f.base() + "/emails", body, f.owner.token());
        assertThat(queued.status()).as(queued.raw().body()).isEqualTo(202);
        UUID id = UUID.fromString(queued.body().get("id").asString());
        JsonNode sent = awaitStatus(id, "sent");
        assertThat(sent.get("providerMessageId").asString()).isEqualTo("20240101.abc@" + f.domain);
        assertThat(sent.get("recipients").findValuesAsString("status")).containsOnly("sent");

        List<LoggedRequest> requests = stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHost()).isEqualTo("127.0.0.1");
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("api:" + f.mailgunKey).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data").contains("boundary=");
        Map<String, List<String>> parts = request.getParts().stream().collect(Collectors.groupingBy(
                p -> p.getName(), Collectors.mapping(p -> p.getBody().asString(), Collectors.toList())));
        assertThat(parts.get("from")).containsExactly("Ada Lovelace <ada@" + f.domain + ">");
        assertThat(parts.get("to")).containsExactly("grace@example.com");
        assertThat(parts.get("cc")).containsExactly("cc@example.com");
        assertThat(parts.get("bcc")).containsExactly("bcc@example.com");
        assertThat(parts.get("subject")).containsExactly("Hello from the engine");
        assertThat(parts.get("text")).containsExactly("Plain text");
        assertThat(parts.get("html")).containsExactly("<p>HTML</p>");
        assertThat(parts.get("h:Reply-To")).containsExactly("replies@" + f.domain);
        assertThat(parts.get("h:X-Campaign-Name")).containsExactly("Launch");
        assertThat(parts.get("o:tag")).containsExactly("launch", "q4");
        assertThat(parts.get("v:hub_message_id")).containsExactly(id.toString());
        assertThat(parts.get("v:hub_tenant_id")).containsExactly(f.tenant.toString());
        assertThat(parts.get("v:campaign_id")).containsExactly(body.get("campaignId").toString());
        assertThat(parts.get("v:recipient_id")).containsExactly("r-1");
        assertThat(parts.get("v:segment")).containsExactly("vip");

        Response metrics = hub().get(f.base() + "/campaigns/" + body.get("campaignId") + "/metrics", f.owner.token());
        assertThat(metrics.body().get("sent").asLong()).isEqualTo(3);
    }

    @Test
    void sendGridReceivesJsonWithTemplateAndCustomArgs() {
        stubs.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-" + f.tenant)));
        f.defaults(f.sendGrid(EmailFixtures.SENDGRID_TEST_KEY), null);
        Map<String, Object> body = f.message("ada@example.com");
        body.remove("html");
        body.remove("text");
        body.put("templateId", "d-123456");
        body.put("templateData", Map.of("first_name", "Ada", "items", List.of(1, 2)));
        body.put("tags", List.of("launch"));

        UUID id = UUID.fromString(hub().post(f.base() + "/emails", body, f.owner.token()).body().get("id").asString());
        assertThat(awaitStatus(id, "sent").get("providerMessageId").asString()).isEqualTo("sg-" + f.tenant);

        LoggedRequest request = stubs.findAll(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))).get(0);
        JsonNode sent = json.readTree(request.getBodyAsString());
        JsonNode personalization = sent.get("personalizations").get(0);
        assertThat(personalization.get("to").get(0).get("email").asString()).isEqualTo("ada@example.com");
        assertThat(personalization.get("custom_args").get("hub_message_id").asString()).isEqualTo(id.toString());
        assertThat(personalization.get("custom_args").get("campaign_id").asString()).isEqualTo(body.get("campaignId"));
        assertThat(personalization.get("dynamic_template_data").get("first_name").asString()).isEqualTo("Ada");
        assertThat(sent.get("from").get("email").asString()).isEqualTo("ada@" + f.domain);
        assertThat(sent.get("from").get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(sent.get("template_id").asString()).isEqualTo("d-123456");
        assertThat(sent.get("categories").get(0).asString()).isEqualTo("launch");
        assertThat(sent.get("ip_pool_name").asString()).isEqualTo("campaigns");
        assertThat(sent.has("content")).isFalse();
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameMessageAndOneSend() {
        mailgunAccepts("localhost");
        f.defaults(f.mailgun("US"), null);
        Map<String, Object> body = f.message("ada@example.com");
        Map<String, String> key = Map.of("Idempotency-Key", "order-" + UUID.randomUUID());

        Response first = hub().send("POST", f.base() + "/emails", body, f.owner.token(), "application/json", key);
        Response second = hub().send("POST", f.base() + "/emails", body, f.owner.token(), "application/json", key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("id").asString()).isEqualTo(first.body().get("id").asString());
        awaitStatus(UUID.fromString(first.body().get("id").asString()), "sent");
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())))).hasSize(1);

        body.put("subject", "Something else");
        Response reused = hub().send("POST", f.base() + "/emails", body, f.owner.token(), "application/json", key);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aSuppressedAddressIsRefusedAndCounted() {
        f.defaults(f.mailgun("US"), null);
        assertThat(hub().post(f.base() + "/suppressions", Map.of("address", "Gone@Example.com", "note", "asked"),
                f.owner.token()).status()).isEqualTo(201);
        Map<String, Object> body = f.message("gone@example.com");
        Response refused = hub().post(f.base() + "/emails", body, f.owner.token());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("recipient_suppressed");
        assertThat(refused.body().get("suppressed").get(0).asString()).isEqualTo("gone@example.com");
        assertThat(hub().get(f.base() + "/campaigns/" + body.get("campaignId") + "/metrics", f.owner.token())
                .body().get("suppressed").asLong()).isEqualTo(1);

        Map<String, Object> batch = new HashMap<>(Map.of("from", "ada@" + f.domain, "subject", "Hi", "text", "Hi",
                "campaignId", "batch-" + UUID.randomUUID(), "recipients", List.of(
                        Map.of("email", "gone@example.com", "recipientId", "r1"),
                        Map.of("email", "fine@example.com", "recipientId", "r2", "variables", Map.of("name", "Fine")))));
        Response accepted = hub().post(f.base() + "/emails/batch", batch, f.owner.token());
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.body().get("messages").size()).isEqualTo(1);
        assertThat(accepted.body().get("suppressed").get(0).asString()).isEqualTo("gone@example.com");

        assertThat(hub().get(f.base() + "/suppressions?q=gone", f.owner.token()).body().get("suppressions").get(0).get("reason").asString())
                .isEqualTo("manual");
        assertThat(hub().delete(f.base() + "/suppressions/gone@example.com", f.owner.token()).status()).isEqualTo(204);
        assertThat(hub().post(f.base() + "/emails", f.message("gone@example.com"), f.owner.token()).status()).isEqualTo(202);
    }

    @Test
    void suppressionsArePagedByCursorInAddressOrder() {
        String tag = "page" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("c", "a", "b")) {
            assertThat(hub().post(f.base() + "/suppressions", Map.of("address", name + "-" + tag + "@example.com"),
                    f.owner.token()).status()).isEqualTo(201);
        }
        Response first = hub().get(f.base() + "/suppressions?q=" + tag + "&limit=2", f.owner.token());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("suppressions")).extracting(e -> e.get("address").asString())
                .containsExactly("a-" + tag + "@example.com", "b-" + tag + "@example.com");
        String cursor = first.body().get("nextCursor").asString();
        Response second = hub().get(f.base() + "/suppressions?q=" + tag + "&limit=2&cursor=" + cursor, f.owner.token());
        assertThat(second.body().get("suppressions")).extracting(e -> e.get("address").asString())
                .containsExactly("c-" + tag + "@example.com");
        assertThat(second.body().hasNonNull("nextCursor")).as("no page after the last").isFalse();
        Response bad = hub().get(f.base() + "/suppressions?cursor=not*base64", f.owner.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid_cursor");
    }

    @Test
    void aRefusingPrimaryFailsOverToTheSecondaryEsp() {
        stubs.stubFor(post(urlEqualTo(messagesPath())).withHost(equalTo("localhost"))
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"from parameter is not a valid address\"}")));
        stubs.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "failover-" + f.tenant)));
        UUID mailgun = f.mailgun("US");
        UUID sendGrid = f.sendGrid(EmailFixtures.SENDGRID_TEST_KEY);
        f.defaults(mailgun, sendGrid);

        UUID id = UUID.fromString(hub().post(f.base() + "/emails", f.message("ada@example.com"), f.owner.token())
                .body().get("id").asString());
        JsonNode sent = awaitStatus(id, "sent");
        assertThat(sent.get("failoverUsed").asBoolean()).isTrue();
        assertThat(sent.get("provider").asString()).isEqualTo("sendgrid");
        assertThat(sent.get("integrationId").asString()).isEqualTo(sendGrid.toString());
    }

    @Test
    void anOpenCircuitSendsThroughTheFailoverEspWithoutCallingThePrimary() {
        stubs.stubFor(post(urlEqualTo(messagesPath())).withHost(equalTo("localhost"))
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"service unavailable\"}")));
        stubs.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "breaker-" + f.tenant)));
        UUID mailgun = f.mailgunOpeningAfter(1);
        UUID sendGrid = f.sendGrid(EmailFixtures.SENDGRID_TEST_KEY);
        f.defaults(mailgun, sendGrid);

        // the first message's 503 is retryable (no failover) and opens the primary's circuit; its retry finds
        // the circuit open and goes through the failover ESP
        UUID first = UUID.fromString(hub().post(f.base() + "/emails", f.message("ada@example.com"), f.owner.token())
                .body().get("id").asString());
        JsonNode firstSent = awaitStatus(first, "sent");
        assertThat(hub().get(f.base() + "/integrations/" + mailgun + "/gateway", f.owner.token()).body()
                .get("circuit").get("state").asString()).isEqualTo("open");
        assertThat(firstSent.hasNonNull("lastError")).as("cleared once sent").isFalse();

        UUID second = UUID.fromString(hub().post(f.base() + "/emails", f.message("grace@example.com"), f.owner.token())
                .body().get("id").asString());
        JsonNode secondSent = awaitStatus(second, "sent");
        for (JsonNode sent : List.of(firstSent, secondSent)) {
            assertThat(sent.get("failoverUsed").asBoolean()).isTrue();
            assertThat(sent.get("provider").asString()).isEqualTo("sendgrid");
            assertThat(sent.get("integrationId").asString()).isEqualTo(sendGrid.toString());
            assertThat(sent.get("providerMessageId").asString()).isEqualTo("breaker-" + f.tenant);
        }
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())))).as("only the call that opened it")
                .hasSize(1);
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer " + f.sendGridKey)))).hasSize(2);
    }

    @Test
    void sendGridReceivesEveryFieldOfAMessage() {
        stubs.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-all-" + f.tenant)));
        f.defaults(f.sendGrid(EmailFixtures.SENDGRID_TEST_KEY), null);
        Map<String, Object> body = f.message("Grace@Example.com");
        body.put("to", List.of("Grace@Example.com", "hopper@example.com"));
        body.put("cc", List.of("cc@example.com"));
        body.put("bcc", List.of("bcc@example.com"));
        body.put("replyTo", "replies@" + f.domain);
        body.put("tags", List.of("launch", "q4"));
        body.put("headers", Map.of("X-Campaign-Name", "Launch"));
        body.put("variables", Map.of("segment", "vip"));

        UUID id = UUID.fromString(hub().post(f.base() + "/emails", body, f.owner.token()).body().get("id").asString());
        awaitStatus(id, "sent");

        List<LoggedRequest> requests = stubs.findAll(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer " + f.sendGridKey)));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode sent = json.readTree(request.getBodyAsString());
        assertThat(sent.get("personalizations").size()).isEqualTo(1);
        JsonNode p = sent.get("personalizations").get(0);
        assertThat(p.get("to").findValuesAsString("email")).containsExactly("grace@example.com", "hopper@example.com");
        assertThat(p.get("cc").findValuesAsString("email")).containsExactly("cc@example.com");
        assertThat(p.get("bcc").findValuesAsString("email")).containsExactly("bcc@example.com");
        JsonNode args = p.get("custom_args");
        assertThat(args.get("hub_message_id").asString()).isEqualTo(id.toString());
        assertThat(args.get("hub_tenant_id").asString()).isEqualTo(f.tenant.toString());
        assertThat(args.get("campaign_id").asString()).isEqualTo(body.get("campaignId"));
        assertThat(args.get("recipient_id").asString()).isEqualTo("r-1");
        assertThat(args.get("segment").asString()).isEqualTo("vip");
        assertThat(args.size()).isEqualTo(5);
        assertThat(p.has("dynamic_template_data")).isFalse();
        assertThat(sent.get("from").get("email").asString()).isEqualTo("ada@" + f.domain);
        assertThat(sent.get("from").get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(sent.get("reply_to").get("email").asString()).isEqualTo("replies@" + f.domain);
        assertThat(sent.get("subject").asString()).isEqualTo("Hello from the engine");
        // SendGrid wants text/plain before text/html
        assertThat(sent.get("content").findValuesAsString("type")).containsExactly("text/plain", "text/html");
        assertThat(sent.get("content").findValuesAsString("value")).containsExactly("Plain text", "<p>HTML</p>");
        assertThat(sent.get("headers").get("X-Campaign-Name").asString()).isEqualTo("Launch");
        assertThat(sent.get("categories").valueStream().map(JsonNode::asString)).containsExactly("launch", "q4");
        assertThat(sent.get("ip_pool_name").asString()).isEqualTo("campaigns");
        assertThat(sent.has("template_id")).isFalse();
    }

    private Map<String, Object> batch(String campaign) {
        Map<String, Object> batch = new HashMap<>(Map.of("from", "ada@" + f.domain, "subject", "Hi {{name}}",
                "campaignId", campaign, "templateId", "welcome",
                "templateData", Map.of("product", "PenguinMails"),
                "recipients", List.of(
                        Map.of("email", "ada@example.com", "recipientId", "r1", "variables", Map.of("name", "Ada"),
                                "templateData", Map.of("first_name", "Ada")),
                        Map.of("email", "grace@example.com", "recipientId", "r2", "variables", Map.of("name", "Grace"),
                                "templateData", Map.of("first_name", "Grace")))));
        return batch;
    }

    @Test
    void featuresTheApiDoesNotHaveAreRefusedByNameAndNothingIsSent() {
        mailgunAccepts("localhost");
        f.defaults(f.mailgun("US"), null);
        Map<String, Object> attachments = f.message("grace@example.com");
        attachments.put("attachments", List.of(Map.of("filename", "a.txt", "content", "aGk=")));
        Map<String, Object> later = f.message("grace@example.com");
        later.put("sendAt", "2030-01-01T00:00:00Z");
        for (var refused : Map.of("attachments", attachments, "sendAt", later).entrySet()) {
            Response r = hub().post(f.base() + "/emails", refused.getValue(), f.owner.token());
            assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("unknown_field");
            assertThat(r.body().get("errors").findValuesAsString("field")).containsExactly(refused.getKey());
        }
        Map<String, Object> batch = batch("c-" + UUID.randomUUID());
        batch.put("recipients", List.of(Map.of("email", "ada@example.com", "name", "Ada")));
        Response nested = hub().post(f.base() + "/emails/batch", batch, f.owner.token());
        assertThat(nested.status()).as(nested.raw().body()).isEqualTo(400);
        assertThat(nested.code()).isEqualTo("unknown_field");
        assertThat(nested.body().get("errors").findValuesAsString("field")).containsExactly("recipients.[0].name");
        stubs.verify(0, postRequestedFor(urlEqualTo(messagesPath())));
    }

    @Test
    void lineBreaksInHeaderValuesAndReservedCustomHeadersAreRefusedAndNothingIsSent() {
        mailgunAccepts("localhost");
        f.defaults(f.mailgun("US"), null);
        record Case(String field, Object value, String named) {
        }
        List<Case> cases = List.of(
                new Case("subject", "Hi\r\nBcc: evil@attacker.example", "subject"),
                new Case("subject", "Hi\nBcc: evil@attacker.example", "subject"),
                new Case("headers", Map.of("X-Campaign", "a\r\nBcc: evil@attacker.example"), "headers.X-Campaign"),
                new Case("headers", Map.of("X-Campaign", "a\nb"), "headers.X-Campaign"),
                new Case("tags", List.of("fine", "q4\r\nBcc: evil@attacker.example"), "tags[1]"),
                new Case("headers", Map.of("Bcc", "evil@attacker.example"), "headers.Bcc"),
                new Case("headers", Map.of("to", "evil@attacker.example"), "headers.to"),
                new Case("headers", Map.of("Reply-To", "evil@attacker.example"), "headers.Reply-To"),
                new Case("headers", Map.of("X-SG-EID", "forged"), "headers.X-SG-EID"),
                new Case("headers", Map.of("DKIM-Signature", "forged"), "headers.DKIM-Signature"));
        for (Case c : cases) {
            Map<String, Object> single = f.message("grace@example.com");
            single.put(c.field(), c.value());
            Map<String, Object> batch = batch("c-" + UUID.randomUUID());
            batch.put(c.field(), c.value());
            for (Response refused : List.of(hub().post(f.base() + "/emails", single, f.owner.token()),
                    hub().post(f.base() + "/emails/batch", batch, f.owner.token()))) {
                assertThat(refused.status()).as(c + ": " + refused.raw().body()).isEqualTo(400);
                assertThat(refused.code()).isEqualTo("validation_failed");
                assertThat(refused.body().get("errors").findValuesAsString("field")).as(c.toString())
                        .containsExactly(c.named());
            }
        }
        stubs.verify(0, postRequestedFor(urlEqualTo(messagesPath())));
    }

    @Test
    void aBatchCarriesEachRecipientsVariablesToMailgunAndAnIdempotentRepeatSendsNothing() {
        mailgunAccepts("localhost");
        f.defaults(f.mailgun("US"), null);
        String campaign = "batch-" + UUID.randomUUID();
        Map<String, String> key = Map.of("Idempotency-Key", "batch-" + UUID.randomUUID());
        Response first = hub().send("POST", f.base() + "/emails/batch", batch(campaign), f.owner.token(),
                "application/json", key);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(202);
        List<String> ids = first.body().get("messages").findValuesAsString("id");
        assertThat(ids).hasSize(2);
        ids.forEach(id -> awaitStatus(UUID.fromString(id), "sent"));

        List<LoggedRequest> requests = stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())));
        assertThat(requests).hasSize(2);
        Map<String, Map<String, List<String>>> byRecipient = requests.stream().map(r -> r.getParts().stream()
                        .collect(Collectors.groupingBy(part -> part.getName(),
                                Collectors.mapping(part -> part.getBody().asString(), Collectors.toList()))))
                .collect(Collectors.toMap(parts -> parts.get("to").get(0), parts -> parts));
        assertThat(byRecipient).containsOnlyKeys("ada@example.com", "grace@example.com");
        for (String name : List.of("Ada", "Grace")) {
            Map<String, List<String>> parts = byRecipient.get(name.toLowerCase() + "@example.com");
            assertThat(parts.get("to")).hasSize(1);
            assertThat(parts.get("v:recipient_id")).containsExactly(name.equals("Ada") ? "r1" : "r2");
            assertThat(parts.get("v:campaign_id")).containsExactly(campaign);
            assertThat(parts.get("v:name")).containsExactly(name);
            assertThat(parts.get("template")).containsExactly("welcome");
            JsonNode variables = json.readTree(parts.get("t:variables").get(0));
            assertThat(variables.get("first_name").asString()).isEqualTo(name);
            assertThat(variables.get("product").asString()).isEqualTo("PenguinMails");
        }

        Response again = hub().send("POST", f.base() + "/emails/batch", batch(campaign), f.owner.token(),
                "application/json", key);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("messages").findValuesAsString("id")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())))).as("no second send").hasSize(2);
        assertThat(hub().get(f.base() + "/campaigns/" + campaign + "/metrics", f.owner.token()).body()
                .get("sent").asLong()).isEqualTo(2);
    }

    @Test
    void aBatchCarriesEachRecipientsVariablesToSendGridPersonalizations() {
        stubs.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-batch-" + f.tenant)));
        f.defaults(f.sendGrid(EmailFixtures.SENDGRID_TEST_KEY), null);
        String campaign = "batch-" + UUID.randomUUID();
        Map<String, Object> body = batch(campaign);
        body.put("templateId", "d-0123456789abcdef0123456789abcdef");
        Response queued = hub().post(f.base() + "/emails/batch", body, f.owner.token());
        assertThat(queued.status()).as(queued.raw().body()).isEqualTo(202);
        queued.body().get("messages").findValuesAsString("id").forEach(id -> awaitStatus(UUID.fromString(id), "sent"));

        List<JsonNode> sent = stubs.findAll(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer " + f.sendGridKey))).stream()
                .map(r -> json.readTree(r.getBodyAsString())).toList();
        assertThat(sent).hasSize(2);
        Map<String, JsonNode> byRecipient = sent.stream().map(b -> b.get("personalizations").get(0))
                .collect(Collectors.toMap(p -> p.get("to").get(0).get("email").asString(), p -> p));
        for (String name : List.of("Ada", "Grace")) {
            JsonNode p = byRecipient.get(name.toLowerCase() + "@example.com");
            assertThat(p.get("to").size()).isEqualTo(1);
            assertThat(p.get("custom_args").get("recipient_id").asString()).isEqualTo(name.equals("Ada") ? "r1" : "r2");
            assertThat(p.get("custom_args").get("campaign_id").asString()).isEqualTo(campaign);
            assertThat(p.get("custom_args").get("name").asString()).isEqualTo(name);
            assertThat(p.get("dynamic_template_data").get("first_name").asString()).isEqualTo(name);
            assertThat(p.get("dynamic_template_data").get("product").asString()).isEqualTo("PenguinMails");
        }
        assertThat(sent).allSatisfy(b -> assertThat(b.get("template_id").asString())
                .isEqualTo("d-0123456789abcdef0123456789abcdef"));
    }

    @Test
    void anAddressSuppressedAfterQueueingIsDroppedNotSentTo() {
        // the first attempt fails and asks for 3 s: long enough to suppress an address while the message waits
        String scenario = "suppress-" + f.domain;
        stubs.stubFor(post(urlEqualTo(messagesPath())).withHost(equalTo("localhost")).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")
                        .withBody("{\"message\":\"try later\"}"))
                .willSetStateTo("up"));
        stubs.stubFor(post(urlEqualTo(messagesPath())).withHost(equalTo("localhost")).inScenario(scenario)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"<late@" + f.domain + ">\"}")));
        f.defaults(f.mailgun("US"), null);
        Map<String, Object> body = f.message("ada@example.com");
        body.put("to", List.of("ada@example.com", "grace@example.com"));
        UUID id = UUID.fromString(hub().post(f.base() + "/emails", body, f.owner.token()).body().get("id").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> hub().get(f.base() + "/emails/" + id, f.owner.token()).body()
                .get("attempts").asInt() == 1);
        assertThat(hub().post(f.base() + "/suppressions", Map.of("address", "grace@example.com"), f.owner.token())
                .status()).isEqualTo(201);

        JsonNode sent = awaitStatus(id, "dropped"); // the message shows its most advanced recipient
        assertThat(sent.get("providerMessageId").asString()).isEqualTo("late@" + f.domain);
        Map<String, JsonNode> recipients = new HashMap<>();
        sent.get("recipients").forEach(r -> recipients.put(r.get("address").asString(), r));
        assertThat(recipients.get("ada@example.com").get("status").asString()).isEqualTo("sent");
        assertThat(recipients.get("grace@example.com").get("status").asString()).isEqualTo("dropped");
        assertThat(recipients.get("grace@example.com").get("statusReason").asString())
                .isEqualTo("suppressed after the message was queued (manual)");
        List<LoggedRequest> requests = stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getParts().stream().filter(part -> part.getName().equals("to"))
                .map(part -> part.getBody().asString())).containsExactly("ada@example.com");
        JsonNode metrics = hub().get(f.base() + "/campaigns/" + body.get("campaignId") + "/metrics", f.owner.token()).body();
        assertThat(metrics.get("sent").asLong()).isEqualTo(1);
        assertThat(metrics.get("suppressed").asLong()).isEqualTo(1);
    }

    @Test
    void aMessageWhoseOnlyRecipientIsSuppressedAfterQueueingIsDroppedWithoutAProviderCall() {
        String scenario = "suppress-all-" + f.domain;
        stubs.stubFor(post(urlEqualTo(messagesPath())).withHost(equalTo("localhost")).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")
                        .withBody("{\"message\":\"try later\"}")));
        f.defaults(f.mailgun("US"), null);
        UUID id = UUID.fromString(hub().post(f.base() + "/emails", f.message("ada@example.com"), f.owner.token())
                .body().get("id").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> hub().get(f.base() + "/emails/" + id, f.owner.token()).body()
                .get("attempts").asInt() == 1);
        hub().post(f.base() + "/suppressions", Map.of("address", "ada@example.com"), f.owner.token());

        JsonNode dropped = awaitStatus(id, "dropped");
        assertThat(dropped.get("lastError").asString()).isEqualTo("every recipient is suppressed");
        assertThat(dropped.get("recipients").get(0).get("status").asString()).isEqualTo("dropped");
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())))).hasSize(1);
    }

    @Test
    void retryableFailuresAreRetriedThenTheMessageFails() {
        stubs.stubFor(post(urlEqualTo(messagesPath())).withHost(equalTo("localhost"))
                .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"try later\"}")));
        f.defaults(f.mailgun("US"), null);
        Map<String, Object> body = f.message("ada@example.com");
        UUID id = UUID.fromString(hub().post(f.base() + "/emails", body, f.owner.token()).body().get("id").asString());
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(3); // hub.email.sending.max-attempts in tests
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo(messagesPath())))).hasSize(3); // a Mailgun POST is never resent by the gateway itself
        assertThat(failed.get("lastError").asString()).as(failed.toString()).contains("503");
        assertThat(failed.get("recipients").findValuesAsString("status")).containsOnly("failed");
        assertThat(hub().get(f.base() + "/campaigns/" + body.get("campaignId") + "/metrics", f.owner.token())
                .body().get("failed").asLong()).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedClearly() {
        Response noEsp = hub().post(f.base() + "/emails", f.message("ada@example.com"), f.owner.token());
        assertThat(noEsp.code()).isEqualTo("no_default_email_integration");
        f.defaults(f.mailgun("US"), null);
        Map<String, Object> noContent = f.message("ada@example.com");
        noContent.remove("html");
        noContent.remove("text");
        assertThat(hub().post(f.base() + "/emails", noContent, f.owner.token()).code()).isEqualTo("validation_failed");
        Map<String, Object> badAddress = f.message("not-an-address");
        assertThat(hub().post(f.base() + "/emails", badAddress, f.owner.token()).code()).isEqualTo("validation_failed");
        Map<String, Object> foreign = f.message("ada@example.com");
        foreign.put("integrationId", UUID.randomUUID().toString());
        assertThat(hub().post(f.base() + "/emails", foreign, f.owner.token()).body().get("errors")
                .findValuesAsString("field")).containsExactly("integrationId");
        // malformed ids, cursors and addresses in paths are 400s, never 500s
        assertThat(hub().get(f.base() + "/emails/not-a-uuid", f.owner.token()).status()).isEqualTo(400);
        assertThat(hub().delete(f.base() + "/suppressions/not-an-address", f.owner.token()).status()).isEqualTo(400);
        assertThat(hub().get(f.base() + "/suppressions?limit=0", f.owner.token()).status()).isEqualTo(400);
        assertThat(hub().send("POST", f.base() + "/emails", f.message("ada@example.com"), f.owner.token(),
                "application/json", Map.of("Idempotency-Key", "has spaces!")).status()).isEqualTo(400);
        assertThat(hub().get(f.base() + "/campaigns/unknown-campaign/metrics", f.owner.token()).code())
                .isEqualTo("campaign_not_found");
    }
}
