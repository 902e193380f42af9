package com.penguinmails.hub.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;
import com.penguinmails.hub.testkit.TestSecrets;
import com.penguinmails.hub.webhook.WebhookReceiver;
import com.penguinmails.hubclient.ApiClient;
import com.penguinmails.hubclient.ApiException;
import com.penguinmails.hubclient.api.AccountsApi;
import com.penguinmails.hubclient.api.ApiKeysApi;
import com.penguinmails.hubclient.api.AuditLogApi;
import com.penguinmails.hubclient.api.IntegrationsApi;
import com.penguinmails.hubclient.api.OutboundWebhooksApi;
import com.penguinmails.hubclient.api.TenantsApi;
import com.penguinmails.hubclient.model.ApiKeyRequest;
import com.penguinmails.hubclient.model.AttemptPage;
import com.penguinmails.hubclient.model.AuditPage;
import com.penguinmails.hubclient.model.CreatedApiKeyView;
import com.penguinmails.hubclient.model.EndpointRequest;
import com.penguinmails.hubclient.model.EndpointWithSecret;
import com.penguinmails.hubclient.model.IntegrationRequest;
import com.penguinmails.hubclient.model.IntegrationView;
import com.penguinmails.hubclient.model.MessagePage;
import com.penguinmails.hubclient.model.SessionView;
import com.penguinmails.hubclient.model.SignInRequest;
import com.penguinmails.hubclient.model.SignUpRequest;
import com.penguinmails.hubclient.model.TenantRequest;
import com.penguinmails.hubclient.model.TenantView;
import com.penguinmails.hubclient.model.UserView;
import com.penguinmails.hubclient.model.VerifyEmailRequest;
import com.penguinmails.hubclient.model.WebhookMessageView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The committed OpenAPI document is usable: a Java client generated from it at build time
 * ({@code openapi-generator-maven-plugin}, library {@code native}) drives a whole flow against the running
 * hub, with no other HTTP client. Mailgun is WireMock ({@code ProviderStubs}), the webhook receiver is on
 * 127.0.0.1.
 */
class ApiClientIntegrationTests extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    @Test
    void aWholeFlowThroughTheGeneratedClient() throws Exception {
        AccountsApi accounts = new AccountsApi(client(null));
        String email = HubClient.uniqueEmail("client");

        UserView signedUp = accounts.signUp(new SignUpRequest().email(email).password(HubClient.PASSWORD).name("Ada"));
        assertThat(signedUp.getEmailVerified()).isFalse();
        UserView verified = accounts.verifyEmail(new VerifyEmailRequest().token(verificationToken(email)));
        assertThat(verified.getEmailVerified()).isTrue();
        SessionView session = accounts.signIn(new SignInRequest().email(email).password(HubClient.PASSWORD));
        String token = TestSecrets.register(session.getToken());
        ApiClient signedIn = client(token);

        TenantView tenant = new TenantsApi(signedIn).createTenant(new TenantRequest().name("Client flow"));
        UUID tenantId = tenant.getId();
        assertThat(tenant.getYourRoles()).contains("owner");

        IntegrationView mailgun = new IntegrationsApi(signedIn).createIntegration(tenantId, new IntegrationRequest()
                .name("Mailgun").category("email_service").provider("mailgun")
                ._configuration(Map.<String, Object>of("apiKey", TestSecrets.fresh("key-"), "domain", "mg.example.com",
                        "webhookSigningKey", TestSecrets.fresh("sign-")))
                .rateLimits(new com.penguinmails.hubclient.model.IntegrationRateLimits()
                        .requestsPerMinute(300).requestsPerHour(10000).strategy("token-bucket")), null);
        assertThat(mailgun.getStatus()).isEqualTo("active");
        assertThat(mailgun.getConfiguration()).doesNotContainKey("apiKey");

        CreatedApiKeyView key = new ApiKeysApi(signedIn).createApiKey(tenantId,
                new ApiKeyRequest().name("webhooks").scopes(List.of("webhooks:read", "webhooks:write")), null);
        String apiKey = TestSecrets.register(key.getKey());
        assertThat(apiKey).startsWith("pm_live_");
        OutboundWebhooksApi webhooks = new OutboundWebhooksApi(client(apiKey));

        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            EndpointWithSecret endpoint = webhooks.createWebhookEndpoint(tenantId, new EndpointRequest()
                    .url(receiver.url()).description("client flow").eventTypes(List.of("email.*")), "client-flow-1");
            UUID endpointId = endpoint.getEndpoint().getId();
            String secret = TestSecrets.register(endpoint.getSecret());
            EndpointWithSecret repeated = webhooks.createWebhookEndpoint(tenantId, new EndpointRequest()
                    .url(receiver.url()).description("client flow").eventTypes(List.of("email.*")), "client-flow-1");
            assertThat(repeated.getEndpoint().getId()).as("the same Idempotency-Key, one endpoint").isEqualTo(endpointId);

            Map<String, Object> test = webhooks.testWebhookEndpoint(tenantId, endpointId);
            assertThat(test).containsKey("eventId");
            // the id the test send hands out is the one every message path takes
            String messageId = (String) test.get("messageId");
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
            WebhookReceiver.Received delivered = receiver.accepted().get(0);
            assertThat(WebhookReceiver.verifies(secret, delivered.id(), delivered.timestamp(), delivered.body(),
                    delivered.signature(), Instant.now())).isTrue();

            MessagePage messages = webhooks.listWebhookMessages(tenantId, endpointId, null, null, null, null, null);
            assertThat(messages.getMessages()).hasSize(1);
            WebhookMessageView message = messages.getMessages().get(0);
            assertThat(message.getEventType()).isEqualTo("webhook.test");
            assertThat(message.getMessageId()).isEqualTo(delivered.id()).isEqualTo(messageId);
            await().atMost(WAIT).until(() -> "delivered".equals(webhooks.getWebhookMessage(tenantId, endpointId,
                    messageId).getState()));
            AttemptPage attempts = webhooks.listWebhookMessageAttempts(tenantId, endpointId, messageId, null, null);
            assertThat(attempts.getAttempts()).singleElement().satisfies(a -> assertThat(a.getStatus()).isEqualTo(200));

            webhooks.resendWebhookMessage(tenantId, endpointId, messageId);
            await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
            assertThat(receiver.requests().get(1).id()).as("a resend keeps the webhook-id").isEqualTo(delivered.id());
            await().atMost(WAIT).until(() -> webhooks.listWebhookMessageAttempts(tenantId, endpointId, messageId,
                    null, null).getAttempts().size() == 2);
        }

        AuditPage audit = new AuditLogApi(signedIn).listAuditLog(tenantId, null, null, null, null, null, null, null, null);
        assertThat(audit.getEntries()).extracting(e -> e.getAction())
                .contains("integration.created", "webhook_endpoint.created");

        ApiException refused = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() ->
                new AuditLogApi(client(apiKey)).listAuditLog(tenantId, null, null, null, null, null, null, null, null));
        assertThat(refused.getCode()).as("the key has no audit:read").isEqualTo(403);
        assertThat(refused.getResponseBody()).contains("\"code\"");
        assertThatThrownBy(() -> new TenantsApi(client(null)).createTenant(new TenantRequest().name("x")))
                .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(401));
    }

    private static String verificationToken(String email) throws Exception {
        try (Connection owner = TestDatabase.asOwner(); PreparedStatement ps = owner.prepareStatement(
                "select body_text from system_emails where lower(to_address) = lower(?) and kind = 'verify_email'")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Matcher matcher = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(rs.getString(1));
                assertThat(matcher.find()).isTrue();
                return matcher.group(1);
            }
        }
    }
}
