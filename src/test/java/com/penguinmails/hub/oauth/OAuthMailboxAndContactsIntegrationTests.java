package com.penguinmails.hub.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.OAuthFakes;
import com.penguinmails.hub.testkit.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What connections are for: sending from a Gmail or Microsoft 365 mailbox and importing contacts
 * (Google People, Graph, HubSpot CRM). Accounts are connected through mock-oauth2-server; WireMock
 * stands in for the provider APIs, and every request they get is asserted.
 */
class OAuthMailboxAndContactsIntegrationTests extends HubIntegrationTest {

    @Autowired
    OAuthConnections connections;

    @Autowired
    MailboxSender sender;

    private WireMockServer apis;
    private SignedInUser owner;
    private UUID tenant;
    private OAuthFlowSupport flow;

    @BeforeEach
    void aTenant() {
        apis = OAuthFakes.apis();
        flow = new OAuthFlowSupport(hub(), port);
        owner = hub().signedInUser("MailboxOwner");
        tenant = hub().tenantOf(owner, "Mailbox tenant");
    }

    private UUID connect(String provider, String category, Map<String, Object> extra, String email) {
        Map<String, Object> configuration = new java.util.HashMap<>(extra);
        // mock-oauth2-server treats every authorisation request as OpenID Connect: it insists on "openid"
        configuration.putIfAbsent("scopes", List.of("openid", provider + ".read", provider + ".send"));
        flow.integration(owner, tenant, provider, provider, category, configuration);
        OAuthFlowSupport.Started started = flow.authorize(owner, tenant, provider);
        URI callback = flow.consent(started, provider + "-" + UUID.randomUUID(), email);
        Map<String, String> outcome = OAuthFlowSupport.query(flow.callback(callback, started.cookie()));
        assertThat(outcome).containsEntry("status", "connected");
        UUID id = UUID.fromString(outcome.get("connection"));
        TestSecrets.register(connections.accessToken(tenant, id));
        return id;
    }

    @Test
    void sendsFromAGmailMailboxAsABase64UrlRawRfc5322Message() {
        String from = HubClient.uniqueEmail("gmail");
        UUID connection = connect("google", "email_service", Map.of(), from);
        String token = connections.accessToken(tenant, connection);
        apis.stubFor(post("/gmail/v1/users/me/messages/send").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"id\":\"gmail-msg-" + connection + "\",\"threadId\":\"t-1\"}")));

        String id = sender.send(tenant, connection, new MailboxMessage("Ada Lovelace", List.of("bob@example.com"),
                List.of("carol@example.com"), List.of("dave@example.com"), null, "Grüße from the hub",
                "Plain text ✓", "<p>HTML ✓</p>"));

        assertThat(id).isEqualTo("gmail-msg-" + connection);
        List<LoggedRequest> sent = apis.findAll(postRequestedFor(urlEqualTo("/gmail/v1/users/me/messages/send"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Content-Type")).startsWith("application/json");
        String raw = json.readTree(sent.get(0).getBodyAsString()).get("raw").asString();
        assertThat(raw).matches("[A-Za-z0-9_-]+"); // base64url, no padding
        String message = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.US_ASCII);
        assertThat(message).contains("From: Ada Lovelace <" + from + ">\r\n", "To: bob@example.com\r\n",
                "Cc: carol@example.com\r\n", "Bcc: dave@example.com\r\n", "MIME-Version: 1.0\r\n",
                "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString("Grüße from the hub".getBytes(StandardCharsets.UTF_8)) + "?=\r\n",
                "Content-Type: multipart/alternative; boundary=");
        assertThat(message).contains(Base64.getMimeEncoder().encodeToString("Plain text ✓".getBytes(StandardCharsets.UTF_8)),
                Base64.getMimeEncoder().encodeToString("<p>HTML ✓</p>".getBytes(StandardCharsets.UTF_8)));
        assertThat(message).doesNotContain(token);
    }

    @Test
    void theEmailApiSendsFromAConnectedMailboxLikeFromAnEsp() {
        String from = HubClient.uniqueEmail("campaigner");
        UUID connection = connect("google", "email_service", Map.of(), from);
        String token = connections.accessToken(tenant, connection);
        apis.stubFor(post("/gmail/v1/users/me/messages/send").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"id\":\"gmail-api-" + connection + "\",\"threadId\":\"t-2\"}")));
        String base = "/api/v1/tenants/" + tenant + "/emails";

        var queued = hub().post(base, Map.of("from", "Ada Lovelace <" + from + ">", "to", List.of("bob@example.com"),
                "subject", "From my own mailbox", "text", "Hello Bob", "campaignId", "c-mailbox",
                "connectionId", connection.toString()), owner.token());
        assertThat(queued.status()).as(queued.raw().body()).isEqualTo(202);
        String id = queued.body().get("id").asString();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                "sent".equals(hub().get(base + "/" + id, owner.token()).body().get("status").asString()));
        var sent = hub().get(base + "/" + id, owner.token()).body();
        assertThat(sent.get("providerMessageId").asString()).isEqualTo("gmail-api-" + connection);
        assertThat(sent.get("provider").asString()).isEqualTo("google");
        assertThat(sent.get("connectionId").asString()).isEqualTo(connection.toString());
        String raw = json.readTree(apis.findAll(postRequestedFor(urlEqualTo("/gmail/v1/users/me/messages/send"))
                .withHeader("Authorization", equalTo("Bearer " + token))).get(0).getBodyAsString()).get("raw").asString();
        assertThat(new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.US_ASCII))
                .contains("From: Ada Lovelace <" + from + ">\r\n", "To: bob@example.com\r\n");

        var withTemplate = hub().post(base, Map.of("from", from, "to", List.of("bob@example.com"),
                "templateId", "d-1", "connectionId", connection.toString()), owner.token());
        assertThat(withTemplate.body().get("errors").findValuesAsString("field")).containsExactly("templateId");
        var unknown = hub().post(base, Map.of("from", from, "to", List.of("bob@example.com"), "subject", "x",
                "text", "x", "connectionId", UUID.randomUUID().toString()), owner.token());
        assertThat(unknown.body().get("errors").findValuesAsString("field")).containsExactly("connectionId");
    }

    @Test
    void sendsFromAMicrosoft365MailboxThroughGraph() {
        String address = HubClient.uniqueEmail("m365");
        apis.stubFor(get("/v1.0/me").willReturn(okJson("{\"id\":\"ms-" + UUID.randomUUID()
                + "\",\"userPrincipalName\":\"" + address + "\"}")));
        UUID connection = connect("microsoft", "email_service", Map.of("tenant", "organizations"), address);
        assertThat(connections.find(tenant, connection).orElseThrow().accountEmail()).isEqualTo(address);
        String token = connections.accessToken(tenant, connection);
        apis.stubFor(post("/v1.0/me/sendMail").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(202).withHeader("request-id", "graph-" + connection)));

        String id = sender.send(tenant, connection, new MailboxMessage(null, List.of("bob@example.com"), List.of(),
                List.of(), "replies@example.com", "Quarterly update", null, "<p>Hi Bob</p>"));

        assertThat(id).isEqualTo("graph-" + connection);
        List<LoggedRequest> sent = apis.findAll(postRequestedFor(urlEqualTo("/v1.0/me/sendMail"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        assertThat(sent).hasSize(1);
        JsonNode body = json.readTree(sent.get(0).getBodyAsString());
        assertThat(body.get("saveToSentItems").asBoolean()).isTrue();
        assertThat(body.at("/message/subject").asString()).isEqualTo("Quarterly update");
        assertThat(body.at("/message/body/contentType").asString()).isEqualTo("HTML");
        assertThat(body.at("/message/body/content").asString()).isEqualTo("<p>Hi Bob</p>");
        assertThat(body.at("/message/toRecipients/0/emailAddress/address").asString()).isEqualTo("bob@example.com");
        assertThat(body.at("/message/replyTo/0/emailAddress/address").asString()).isEqualTo("replies@example.com");
        assertThat(sender.canSend(tenant, connection)).isTrue();
    }

    @Test
    void importsGooglePeoplePageByPageRefreshingAnExpiredTokenOnceAndThenOnlyChanges() {
        UUID connection = connect("google", "email_service", Map.of(), HubClient.uniqueEmail("people"));
        String first = connections.accessToken(tenant, connection);
        String page2 = "page-2-" + UUID.randomUUID();
        String sync1 = "sync-1-" + UUID.randomUUID();
        apis.stubFor(get(urlPathEqualTo("/v1/people/me/connections")).withHeader("Authorization", equalTo("Bearer " + first))
                .withQueryParam("pageToken", absent()).withQueryParam("syncToken", absent())
                .willReturn(okJson("{\"connections\":[" + person("people/1", "Alice", "ALICE@Example.com") + ","
                        + person("people/2", "Bob", "bob@example.com") + "],\"nextPageToken\":\"" + page2 + "\"}")));
        // the access token expires between the pages (Google answers 401)
        apis.stubFor(get(urlPathEqualTo("/v1/people/me/connections")).atPriority(1)
                .withQueryParam("pageToken", equalTo(page2)).withHeader("Authorization", equalTo("Bearer " + first))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
                                + "\"status\":\"UNAUTHENTICATED\"}}")));
        apis.stubFor(get(urlPathEqualTo("/v1/people/me/connections")).atPriority(2)
                .withQueryParam("pageToken", equalTo(page2))
                .willReturn(okJson("{\"connections\":[" + person("people/3", "Alice L.", "alice@example.com") + ","
                        + person("people/4", "Carol", "carol@example.com") + "],\"nextSyncToken\":\"" + sync1 + "\"}")));

        JsonNode done = runImport(connection, "full");
        assertThat(done.get("pages").asInt()).isEqualTo(2);

        List<LoggedRequest> pageTwo = apis.findAll(getRequestedFor(urlPathEqualTo("/v1/people/me/connections"))
                .withQueryParam("pageToken", equalTo(page2)));
        assertThat(pageTwo).hasSize(2);
        String refreshed = connections.accessToken(tenant, connection);
        assertThat(refreshed).isNotEqualTo(first);
        TestSecrets.register(refreshed);
        assertThat(pageTwo.get(0).getHeader("Authorization")).isEqualTo("Bearer " + first);
        assertThat(pageTwo.get(1).getHeader("Authorization")).isEqualTo("Bearer " + refreshed);
        LoggedRequest firstPage = apis.findAll(getRequestedFor(urlPathEqualTo("/v1/people/me/connections"))
                .withHeader("Authorization", equalTo("Bearer " + first)).withQueryParam("pageToken", absent())).get(0);
        assertThat(firstPage.queryParameter("personFields").firstValue()).isEqualTo("names,emailAddresses");
        assertThat(firstPage.queryParameter("requestSyncToken").firstValue()).isEqualTo("true");

        assertThat(emails()).containsExactly("alice@example.com", "bob@example.com", "carol@example.com");

        // incremental: only what changed since the sync token
        apis.stubFor(get(urlPathEqualTo("/v1/people/me/connections")).withQueryParam("syncToken", equalTo(sync1))
                .willReturn(okJson("{\"connections\":[" + person("people/5", "Dave", "dave@example.com")
                        + "],\"nextSyncToken\":\"sync-2\"}")));
        runImport(connection, "incremental");
        assertThat(apis.findAll(getRequestedFor(urlPathEqualTo("/v1/people/me/connections"))
                .withQueryParam("syncToken", equalTo(sync1)))).hasSize(1);
        assertThat(emails()).containsExactly("alice@example.com", "bob@example.com", "carol@example.com",
                "dave@example.com");
    }

    @Test
    void importsHubSpotContactsByCursorAndThenBySearchForChanges() {
        String hubUser = HubClient.uniqueEmail("hub");
        apis.stubFor(get(urlPathMatching("/oauth/v1/access-tokens/.+")).willReturn(okJson(
                "{\"user\":\"" + hubUser + "\",\"user_id\":" + Math.abs(new java.util.Random().nextInt()) + ",\"hub_id\":42}")));
        UUID connection = connect("hubspot", "crm", Map.of(), hubUser);
        String token = connections.accessToken(tenant, connection);
        String after = "cursor-" + UUID.randomUUID();
        apis.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withHeader("Authorization", equalTo("Bearer " + token))
                .withQueryParam("after", absent())
                .willReturn(okJson("{\"results\":[" + hubspot("1", "erin@example.com", "Erin", "E") + "],"
                        + "\"paging\":{\"next\":{\"after\":\"" + after + "\"}}}")));
        apis.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("after", equalTo(after))
                .willReturn(okJson("{\"results\":[" + hubspot("2", "Frank@Example.com", "Frank", null) + "]}")));

        runImport(connection, "full");
        LoggedRequest firstPage = apis.findAll(getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts"))
                .withQueryParam("after", absent()).withHeader("Authorization", equalTo("Bearer " + token))).get(0);
        assertThat(firstPage.queryParameter("properties").firstValue()).isEqualTo("email,firstname,lastname");
        assertThat(emails()).containsExactly("erin@example.com", "frank@example.com");

        apis.stubFor(post("/crm/v3/objects/contacts/search").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"results\":[" + hubspot("3", "gina@example.com", "Gina", null) + "]}")));
        runImport(connection, "incremental");
        List<LoggedRequest> searches = apis.findAll(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        assertThat(searches).hasSize(1);
        JsonNode filter = json.readTree(searches.get(0).getBodyAsString()).at("/filterGroups/0/filters/0");
        assertThat(filter.get("propertyName").asString()).isEqualTo("lastmodifieddate");
        assertThat(filter.get("operator").asString()).isEqualTo("GTE");
        assertThat(filter.get("value").asString()).matches("[0-9]{13}");
        assertThat(emails()).containsExactly("erin@example.com", "frank@example.com", "gina@example.com");
        assertThat(sender.canSend(tenant, connection)).isFalse();
    }

    @Test
    void importsMicrosoftContactsFollowingTheNextLink() {
        String address = HubClient.uniqueEmail("graphcontacts");
        apis.stubFor(get("/v1.0/me").willReturn(okJson("{\"id\":\"ms-" + UUID.randomUUID()
                + "\",\"userPrincipalName\":\"" + address + "\"}")));
        UUID connection = connect("microsoft", "email_service", Map.of(), address);
        String token = connections.accessToken(tenant, connection);
        String skip = "skip-" + UUID.randomUUID();
        apis.stubFor(get(urlPathEqualTo("/v1.0/me/contacts")).withHeader("Authorization", equalTo("Bearer " + token))
                .withQueryParam("$skiptoken", absent())
                .willReturn(okJson("{\"value\":[{\"id\":\"c1\",\"displayName\":\"Hank\",\"emailAddresses\":"
                        + "[{\"address\":\"hank@example.com\"}]}],\"@odata.nextLink\":\"" + OAuthFakes.apiBase()
                        + "/v1.0/me/contacts?%24skiptoken=" + skip + "\"}")));
        apis.stubFor(get(urlPathEqualTo("/v1.0/me/contacts")).withQueryParam("$skiptoken", equalTo(skip))
                .willReturn(okJson("{\"value\":[{\"id\":\"c2\",\"displayName\":\"Ivy\",\"emailAddresses\":"
                        + "[{\"address\":\"ivy@example.com\"},{\"address\":\"IVY@example.com\"}]}]}")));
        runImport(connection, "full");
        assertThat(emails()).containsExactly("hank@example.com", "ivy@example.com");
        LoggedRequest firstPage = apis.findAll(getRequestedFor(urlPathEqualTo("/v1.0/me/contacts"))
                .withQueryParam("$skiptoken", absent()).withHeader("Authorization", equalTo("Bearer " + token))).get(0);
        assertThat(firstPage.queryParameter("$filter").isPresent()).isFalse();

        runImport(connection, "incremental");
        LoggedRequest changes = apis.findAll(getRequestedFor(urlPathEqualTo("/v1.0/me/contacts"))
                .withQueryParam("$filter", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "lastModifiedDateTime ge .+Z"))).get(0);
        assertThat(changes.getHeader("Authorization")).isEqualTo("Bearer " + token);
    }

    private JsonNode runImport(UUID connection, String mode) {
        Response started = hub().post("/api/v1/tenants/" + tenant + "/oauth/connections/" + connection
                + "/contact-imports", Map.of("mode", mode), owner.token());
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String id = started.body().get("id").asString();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response state = hub().get("/api/v1/tenants/" + tenant + "/oauth/contact-imports/" + id, owner.token());
            last[0] = state.body();
            assertThat(state.body().get("state").asString()).as(state.raw().body()).isIn("done", "failed");
        });
        assertThat(last[0].get("state").asString()).as(last[0].toString()).isEqualTo("done");
        return last[0];
    }

    private List<String> emails() {
        Response list = hub().get("/api/v1/tenants/" + tenant + "/oauth/contacts?limit=2", owner.token());
        assertThat(list.status()).isEqualTo(200);
        List<String> emails = new java.util.ArrayList<>();
        list.body().get("contacts").forEach(c -> emails.add(c.get("email").asString().toLowerCase()));
        while (list.body().get("nextCursor") != null) {
            list = hub().get("/api/v1/tenants/" + tenant + "/oauth/contacts?limit=2&cursor="
                    + list.body().get("nextCursor").asString(), owner.token());
            list.body().get("contacts").forEach(c -> emails.add(c.get("email").asString().toLowerCase()));
        }
        return emails;
    }

    private static String person(String resourceName, String name, String email) {
        return "{\"resourceName\":\"" + resourceName + "\",\"names\":[{\"displayName\":\"" + name + "\"}],"
                + "\"emailAddresses\":[{\"value\":\"" + email + "\"}]}";
    }

    private static String hubspot(String id, String email, String first, String last) {
        return "{\"id\":\"" + id + "\",\"properties\":{\"email\":\"" + email + "\",\"firstname\":\"" + first + "\""
                + (last == null ? "" : ",\"lastname\":\"" + last + "\"") + "}}";
    }
}
