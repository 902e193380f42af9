package com.penguinmails.hub.sendgrid.internal;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.email.EmailEvent;
import com.penguinmails.hub.email.EmailEventType;
import com.penguinmails.hub.webhook.InboundEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every SendGrid event type in the hub's terms (docs/PROVIDERS.md 2.2). */
class SendGridEventMapperUnitTests {

    private static final UUID TENANT = UUID.fromString("8f8c1f3e-58a4-4c59-9d5e-3a1e0c7c2b11");
    private static final UUID MESSAGE = UUID.fromString("2b5d8a52-9c1e-4f43-8a0a-6d4f0f1b7e21");
    private static final Instant AT = Instant.ofEpochSecond(1513299569);

    /** The mapper only maps here; recording is {@code EmailEventsIntegrationTests}' business. */
    private final SendGridEventMapper mapper = new SendGridEventMapper(event -> {
        throw new AssertionError("map() records nothing");
    }, JsonMapper.builder().build());

    private static InboundEvent event(String type, String extra) {
        String payload = """
                {"email":"Example@Test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
                 "event":"%s",%s"category":"cat facts","sg_event_id":"rWVYmVk90MjZJ9iohOBa3w==",
                 "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                 "hub_message_id":"%s","hub_tenant_id":"%s","campaign_id":"c_1001","recipient_id":"ct_777"}"""
                .formatted(type, extra, MESSAGE, TENANT);
        return new InboundEvent(TENANT, UUID.randomUUID(), "sendgrid", UUID.randomUUID(), type,
                "rWVYmVk90MjZJ9iohOBa3w==", AT, AT, payload, 0);
    }

    private EmailEvent map(String type, String extra) {
        assertThat(mapper.supports("sendgrid", type)).as(type).isTrue();
        return mapper.map(event(type, extra));
    }

    @Test
    void deliveredCarriesTheCustomArgsAndTheSendsMessageId() {
        EmailEvent e = map("delivered", "\"response\":\"250 OK\",");
        assertThat(e.type()).isEqualTo(EmailEventType.DELIVERED);
        assertThat(e.bounceKind()).isNull();
        assertThat(e.provider()).isEqualTo("sendgrid");
        assertThat(e.providerEventId()).isEqualTo("rWVYmVk90MjZJ9iohOBa3w==");
        assertThat(e.recipient()).isEqualTo("Example@Test.com");
        assertThat(e.hubMessageId()).isEqualTo(MESSAGE);
        assertThat(e.providerMessageId()).as("the X-Message-Id part").isEqualTo("14c5d75ce93");
        assertThat(e.campaignId()).isEqualTo("c_1001");
        assertThat(e.recipientId()).isEqualTo("ct_777");
        assertThat(e.occurredAt()).isEqualTo(AT);
        assertThat(e.details()).containsEntry("response", "250 OK");
        assertThat(mapper.owningTenant(event("delivered", ""))).contains(TENANT);
    }

    @Test
    void aBounceIsHardAndABlockIsSoft() {
        EmailEvent bounce = map("bounce", "\"reason\":\"500 unknown recipient\",\"status\":\"5.0.0\",\"type\":\"bounce\",");
        assertThat(bounce.type()).isEqualTo(EmailEventType.BOUNCED);
        assertThat(bounce.bounceKind()).isEqualTo("hard");
        assertThat(bounce.details()).containsEntry("reason", "500 unknown recipient").containsEntry("status", "5.0.0");

        EmailEvent blocked = map("bounce", "\"reason\":\"550 IP blocklisted\",\"status\":\"5.7.1\",\"type\":\"blocked\",");
        assertThat(blocked.type()).isEqualTo(EmailEventType.BOUNCED);
        assertThat(blocked.bounceKind()).isEqualTo("soft");
        assertThat(blocked.details()).containsEntry("type", "blocked");
    }

    @Test
    void droppedAndDeferred() {
        EmailEvent dropped = map("dropped", "\"reason\":\"Bounced Address\",");
        assertThat(dropped.type()).isEqualTo(EmailEventType.DROPPED);
        assertThat(dropped.details()).containsEntry("reason", "Bounced Address");
        EmailEvent deferred = map("deferred", "\"response\":\"400 try again later\",\"attempt\":\"5\",");
        assertThat(deferred.type()).isEqualTo(EmailEventType.DEFERRED);
        assertThat(deferred.bounceKind()).isNull();
        assertThat(deferred.details()).containsEntry("attempt", "5");
    }

    @Test
    void engagementEvents() {
        assertThat(map("spamreport", "").type()).isEqualTo(EmailEventType.COMPLAINED);
        assertThat(map("unsubscribe", "").type()).isEqualTo(EmailEventType.UNSUBSCRIBED);
        assertThat(map("group_unsubscribe", "\"asm_group_id\":10,").type()).isEqualTo(EmailEventType.UNSUBSCRIBED);
        EmailEvent open = map("open", "\"useragent\":\"Mozilla/4.0\",\"ip\":\"255.255.255.255\",");
        assertThat(open.type()).isEqualTo(EmailEventType.OPENED);
        assertThat(open.details()).containsEntry("useragent", "Mozilla/4.0").containsEntry("ip", "255.255.255.255");
        EmailEvent click = map("click", "\"url\":\"http://www.sendgrid.com/\",");
        assertThat(click.type()).isEqualTo(EmailEventType.CLICKED);
        assertThat(click.details()).containsEntry("url", "http://www.sendgrid.com/");
    }

    @Test
    void processedAndUnknownEventsAreNotHandled() {
        for (String type : new String[] {"processed", "group_resubscribe", "something_new"}) {
            assertThat(mapper.supports("sendgrid", type)).as(type).isFalse();
        }
        assertThat(mapper.supports("mailgun", "delivered")).isFalse();
        assertThatThrownBy(() -> mapper.map(event("processed", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAsyncBounceWithoutMessageIdStillCarriesTheCampaignAndRecipientIds() {
        InboundEvent bare = new InboundEvent(TENANT, UUID.randomUUID(), "sendgrid", null, "bounce", "k", AT, AT,
                "{\"email\":\"a@example.com\",\"event\":\"bounce\",\"type\":\"bounce\",\"campaign_id\":\"c_1\","
                        + "\"recipient_id\":\"r_1\"}", 0);
        EmailEvent e = mapper.map(bare);
        assertThat(e.hubMessageId()).isNull();
        assertThat(e.providerMessageId()).isNull();
        assertThat(e.campaignId()).isEqualTo("c_1");
        assertThat(e.recipientId()).isEqualTo("r_1");
        assertThat(mapper.owningTenant(bare)).isEmpty();
    }
}
