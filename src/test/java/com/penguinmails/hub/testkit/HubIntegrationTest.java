package com.penguinmails.hub.testkit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Base of tests that run the whole hub on a random port against the shared test database. Every
 * subclass uses the same configuration, so Spring caches one context for the whole suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(RecordingProcessor.class)
@TestPropertySource(properties = {
        // the suite signs in from 127.0.0.1 many times; the throttle itself has its own tests
        "hub.tenancy.sign-in.attempts-per-address=1000000",
        "hub.security.keyring.master-key=" + HubIntegrationTest.TEST_MASTER_KEY,
        // inbound events retry fast so that parking a failing event takes a moment, not hours
        "hub.webhook.inbound.retry-base=50ms",
        "hub.webhook.inbound.max-attempts=3",
        "hub.webhook.inbound.poll-interval=100ms",
        // a lease shorter than a slow event's processing: other loops find it expired (test.slow)
        "hub.webhook.inbound.lease=2s",
        "hub.webhook.platform-accounts.mailgun.webhookSigningKey=" + HubIntegrationTest.PLATFORM_MAILGUN_KEY,
        // Stripe: the platform's key (calls go to ProviderStubs) and its endpoint secrets — platform endpoint
        // mid-rotation (two secrets) and the Connect endpoint's own
        "hub.stripe.secret-key=" + HubIntegrationTest.PLATFORM_STRIPE_KEY,
        "hub.webhook.platform-accounts.stripe.webhookSecret=" + HubIntegrationTest.STRIPE_WEBHOOK_SECRET,
        "hub.webhook.platform-accounts.stripe.previousWebhookSecret=" + HubIntegrationTest.STRIPE_PREVIOUS_WEBHOOK_SECRET,
        "hub.webhook.platform-accounts.stripe.connectWebhookSecret=" + HubIntegrationTest.STRIPE_CONNECT_WEBHOOK_SECRET,
        // the gateway's and the webhook deliveries' tests talk to receivers on 127.0.0.1; production refuses loopback
        "hub.net.allow-loopback=true",
        // outbound deliveries: a slow receiver times out in a second, a dead node's leases end in seconds
        "hub.webhook.outbound.request-timeout=1s",
        "hub.webhook.outbound.connect-timeout=1s",
        "hub.webhook.outbound.lease=5s",
        "hub.webhook.outbound.poll-interval=100ms",
        "hub.webhook.outbound.workers=8",
        "hub.webhook.outbound.max-in-flight-per-endpoint=2",
        // messages retry fast so that failures and failover take a moment in tests
        "hub.email.sending.retry-base=100ms",
        "hub.email.sending.max-attempts=3",
        "hub.email.sending.poll-interval=100ms",
        // the platform's PostHog account is FakePostHog (host below); batches go out quickly
        "hub.posthog.project-api-key=" + FakePostHog.PROJECT_API_KEY,
        "hub.posthog.project-id=" + FakePostHog.PROJECT_ID,
        "hub.posthog.flush-interval=100ms",
        // OAuth refreshes run when a test asks (TokenRefreshJob.run), not on the schedule
        "hub.oauth.refresh-initial-delay=1h",
        "hub.oauth.import-poll-interval=1s",
        // support desk: the raw/SendGrid inbound secret and the satisfaction key are known to the tests; the SLA job
        // runs when a test asks (SlaMonitor.runOnce / TicketDesk.evaluateSla at chosen instants), not on the schedule
        "hub.support.inbound.secret=" + HubIntegrationTest.SUPPORT_INBOUND_SECRET,
        "hub.support.satisfaction.secret=support-satisfaction-test-key-0123456789",
        "hub.support.sla.initial-delay=1h",
        // the console's help menu and its own support address (used before sign-in) are configured, not the defaults
        "hub.console.help-links[0].name=Knowledge Base",
        "hub.console.help-links[0].url=https://help.penguinmails.com/knowledge-base",
        "hub.console.help-links[0].category=self-service",
        "hub.console.help-links[1].name=Hub runbook",
        "hub.console.help-links[1].url=https://docs.penguinmails.test/hub/runbook",
        "hub.console.help-links[1].category=operations",
        "hub.console.support-email=hub-support@penguinmails.test",
        // support desk: the suite's own help links (the guide's knowledge base, where suggestions link, and a status
        // page of its own) and the guide's routing rules plus one that sends press questions to email
        "hub.support.help-links[0].name=Knowledge Base",
        "hub.support.help-links[0].url=https://help.penguinmails.com/knowledge-base",
        "hub.support.help-links[0].category=self-service",
        "hub.support.help-links[0].icon=BookOpenIcon",
        "hub.support.help-links[1].name=Status",
        "hub.support.help-links[1].url=https://status.penguinmails.test/hub",
        "hub.support.help-links[1].category=information",
        "hub.support.help-links[1].icon=StatusIcon",
        "hub.support.routing[0].name=enterprise_customer",
        "hub.support.routing[0].customer-tier=enterprise",
        "hub.support.routing[0].channel=ticket",
        "hub.support.routing[0].reason=Enterprise customers get a ticket",
        "hub.support.routing[1].name=complex_technical_issue",
        "hub.support.routing[1].category=technical",
        "hub.support.routing[1].complexity=high",
        "hub.support.routing[1].channel=ticket",
        "hub.support.routing[1].reason=Complex technical issues need tracking",
        "hub.support.routing[2].name=simple_inquiry",
        "hub.support.routing[2].category=general",
        "hub.support.routing[2].complexity=low",
        "hub.support.routing[2].channel=help_center_first",
        "hub.support.routing[2].reason=Simple questions are answered by the help center first",
        "hub.support.routing[3].name=press_by_email",
        "hub.support.routing[3].category=press",
        "hub.support.routing[3].channel=email",
        "hub.support.routing[3].reason=Press questions go to the press team by email",
        "hub.support.routing[4].name=default_routing",
        "hub.support.routing[4].channel=ticket",
        "hub.support.routing[4].reason=Tickets by default, for tracking and analytics",
        // health checks run when a test asks (POST .../monitoring/integrations/{id}/check, or HealthSchedule.runDue — the
        // scheduler's own method — in MonitoringScheduleIntegrationTests), not on the schedule
        "hub.monitoring.scheduler-initial-delay=1h",
})
public abstract class HubIntegrationTest {

    /** The suite's master key; tests of master-key rotation add others beside it. */
    public static final String PLATFORM_MAILGUN_KEY = "platform-mailgun-signing-key-0123456789";
    public static final String PLATFORM_STRIPE_KEY = "sk_test_platformKey0123456789abcdef";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_platformCurrent0123456789abcdef";
    public static final String STRIPE_PREVIOUS_WEBHOOK_SECRET = "whsec_platformPrevious0123456789abcdef";
    public static final String STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_connectEndpoint0123456789abcdef";
    public static final String SUPPORT_INBOUND_SECRET = "support-inbound-secret-0123456789";
    public static final String TEST_MASTER_KEY = "test:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    private HubClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("hub.db.url", TestDatabase::url);
        registry.add("hub.db.username", () -> TestDatabase.APP);
        registry.add("hub.db.owner-username", () -> TestDatabase.OWNER);
        registry.add("hub.db.password", TestDatabase::appPassword);
        registry.add("hub.db.owner-password", TestDatabase::ownerPassword);
        registry.add("hub.mailgun.us-base-url", ProviderStubs::mailgunUs);
        registry.add("hub.mailgun.eu-base-url", ProviderStubs::mailgunEu);
        registry.add("hub.sendgrid.base-url", ProviderStubs::sendGrid);
        registry.add("hub.stripe.base-url", ProviderStubs::stripe);
        registry.add("hub.posthog.host", FakePostHog::url);
        registry.add("hub.posthog.personal-api-key", () -> FakePostHog.PERSONAL_API_KEY);
        OAuthFakes.register(registry);
    }

    protected HubClient hub() {
        if (client == null) {
            client = new HubClient("http://localhost:" + port, json, new EmailedCodes(TestDatabase::asOwner));
        }
        return client;
    }
}
