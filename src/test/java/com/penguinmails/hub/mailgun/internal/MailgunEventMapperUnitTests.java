package com.penguinmails.hub.mailgun.internal;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.email.EmailEvent;
import com.penguinmails.hub.email.EmailEventType;
import com.penguinmails.hub.webhook.InboundEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Mailgun event type in the hub's terms (docs/PROVIDERS.md 1.4–1.6). */
class MailgunEventMapperUnitTests {

    private static final UUID TENANT = UUID.fromString("8f8c1f3e-58a4-4c59-9d5e-3a1e0c7c2b11");
    private static final UUID MESSAGE = UUID.fromString("2b5d8a52-9c1e-4f43-8a0a-6d4f0f1b7e21");
    private static final Instant AT = Instant.parse("2018-06-22T18:29:59.626182Z");

    /** The mapper only maps here; recording is {@code EmailEventsIntegrationTests}' business. */
    private final MailgunEventMapper mapper = new MailgunEventMapper(event -> {
        throw new AssertionError("map() records nothing");
    }, JsonMapper.builder().build());

    private static InboundEvent event(String type, String extra) {
        String payload = """
                {"event":"%s","id":"ev-1","timestamp":1529692199.626182,"recipient":"Joan@Example.com",%s
                 "message":{"headers":{"message-id":"20180622211249.1.2A6098970A380E12@example.org"}},
                 "user-variables":{"hub_message_id":"%s","hub_tenant_id":"%s","campaign_id":"c_1001",
                                   "recipient_id":"ct_777"}}""".formatted(type, extra, MESSAGE, TENANT);
        return new InboundEvent(TENANT, UUID.randomUUID(), "mailgun", UUID.randomUUID(), type,
                "ev-1:1529692199.626182", AT, AT, payload, 0);
    }

    private EmailEvent map(String type, String extra) {
        InboundEvent event = event(type, extra);
        assertThat(mapper.supports("mailgun", type)).as(type).isTrue();
        return mapper.map(event);
    }

    @Test
    void deliveredCarriesTheIdsTheHubAttached() {
        EmailEvent e = map("delivered", "\"delivery-status\":{\"code\":250,\"message\":\"OK\"},");
        assertThat(e.type()).isEqualTo(EmailEventType.DELIVERED);
        assertThat(e.bounceKind()).isNull();
        assertThat(e.provider()).isEqualTo("mailgun");
        assertThat(e.providerEventId()).isEqualTo("ev-1:1529692199.626182");
        assertThat(e.recipient()).isEqualTo("Joan@Example.com");
        assertThat(e.hubMessageId()).isEqualTo(MESSAGE);
        assertThat(e.providerMessageId()).isEqualTo("20180622211249.1.2A6098970A380E12@example.org");
        assertThat(e.campaignId()).isEqualTo("c_1001");
        assertThat(e.recipientId()).isEqualTo("ct_777");
        assertThat(e.occurredAt()).isEqualTo(AT);
        assertThat(e.details()).containsEntry("code", "250").containsEntry("message", "OK");
        assertThat(mapper.owningTenant(event("delivered", ""))).contains(TENANT);
    }

    @Test
    void aPermanentFailureIsAHardBounce() {
        EmailEvent e = map("failed", """
                "severity":"permanent","reason":"suppress-bounce",
                "delivery-status":{"code":605,"description":"Not delivering to previously bounced address"},""");
        assertThat(e.type()).isEqualTo(EmailEventType.BOUNCED);
        assertThat(e.bounceKind()).isEqualTo("hard");
        assertThat(e.details()).containsEntry("severity", "permanent").containsEntry("reason", "suppress-bounce")
                .containsEntry("code", "605").containsEntry("description", "Not delivering to previously bounced address");
    }

    @Test
    void aTemporaryFailureIsDeferredNotABounce() {
        EmailEvent e = map("failed", """
                "severity":"temporary","reason":"generic",
                "delivery-status":{"code":451,"retry-seconds":600,"enhanced-code":"4.7.652"},""");
        assertThat(e.type()).isEqualTo(EmailEventType.DEFERRED);
        assertThat(e.bounceKind()).isNull();
        assertThat(e.details()).containsEntry("severity", "temporary").containsEntry("code", "451");
    }

    @Test
    void rejectedIsDropped() {
        EmailEvent e = map("rejected", "\"reject\":{\"reason\":\"sandbox\"},");
        assertThat(e.type()).isEqualTo(EmailEventType.DROPPED);
        assertThat(e.bounceKind()).isNull();
    }

    @Test
    void engagementEventsKeepWhatWasClickedAndFromWhere() {
        assertThat(map("complained", "").type()).isEqualTo(EmailEventType.COMPLAINED);
        assertThat(map("unsubscribed", "").type()).isEqualTo(EmailEventType.UNSUBSCRIBED);
        EmailEvent opened = map("opened", "\"ip\":\"203.0.113.7\",");
        assertThat(opened.type()).isEqualTo(EmailEventType.OPENED);
        assertThat(opened.details()).containsEntry("ip", "203.0.113.7");
        EmailEvent clicked = map("clicked", "\"url\":\"https://example.com/launch\",\"ip\":\"203.0.113.7\",");
        assertThat(clicked.type()).isEqualTo(EmailEventType.CLICKED);
        assertThat(clicked.details()).containsEntry("url", "https://example.com/launch");
    }

    @Test
    void unknownAndNonDeliveryEventsAreNotHandled() {
        for (String type : new String[] {"accepted", "stored", "list_member_uploaded", "something_new"}) {
            assertThat(mapper.supports("mailgun", type)).as(type).isFalse();
        }
        assertThat(mapper.supports("sendgrid", "delivered")).isFalse();
        assertThatThrownBy(() -> mapper.map(event("something_new", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventWithoutTheHubsVariablesHasNoHubIdsAndNoTenant() {
        InboundEvent bare = new InboundEvent(TENANT, UUID.randomUUID(), "mailgun", null, "delivered", "k", AT, AT,
                "{\"event\":\"delivered\",\"recipient\":\"a@example.com\",\"user-variables\":{\"hub_message_id\":\"nope\"}}", 0);
        EmailEvent e = mapper.map(bare);
        assertThat(e.hubMessageId()).isNull();
        assertThat(e.providerMessageId()).isNull();
        assertThat(e.campaignId()).isNull();
        assertThat(e.recipientId()).isNull();
        assertThat(mapper.owningTenant(bare)).isEmpty();
    }
}
