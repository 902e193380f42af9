package com.penguinmails.hub.tenancy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an account may do before its address is verified (sign in, create and configure a tenant) and
 * what it may not (send email, create API keys), and asking for another verification email.
 */
class EmailVerificationIntegrationTests extends HubIntegrationTest {

    @Test
    void anUnverifiedAccountConfiguresATenantButSendsNoEmailAndCreatesNoApiKey() {
        SignedInUser ada = hub().unverifiedUser("Ada");
        UUID tenant = hub().tenantOf(ada, "Unverified Engines");
        String base = "/api/v1/tenants/" + tenant;
        Response webhook = hub().post(base + "/webhook-endpoints", Map.of("url", "https://ada.example.com/hooks",
                "eventTypes", List.of("email.delivered")), ada.token());
        assertThat(webhook.status()).as(webhook.raw().body()).isEqualTo(201);

        Response send = hub().post(base + "/emails", Map.of("from", "ada@example.com", "to", List.of("bob@example.com"),
                "subject", "Hello", "text", "Hi"), ada.token());
        assertThat(send.status()).as(send.raw().body()).isEqualTo(403);
        assertThat(send.code()).isEqualTo("email_not_verified");
        Response batch = hub().post(base + "/emails/batch", Map.of("from", "ada@example.com", "subject", "Hello",
                "text", "Hi", "recipients", List.of(Map.of("email", "bob@example.com"))), ada.token());
        assertThat(batch.status()).as(batch.raw().body()).isEqualTo(403);
        assertThat(batch.code()).isEqualTo("email_not_verified");
        Response key = hub().post(base + "/api-keys", Map.of("name", "ci", "scopes", List.of("email:send")), ada.token());
        assertThat(key.status()).isEqualTo(403);
        assertThat(key.code()).isEqualTo("email_not_verified");
        assertThat(TestDatabase.count("select count(*) from email_messages where tenant_id = ?", tenant)).isZero();

        hub().verify(ada.email());
        assertThat(hub().post(base + "/api-keys", Map.of("name", "ci", "scopes", List.of("email:send")),
                ada.token()).status()).isEqualTo(201);
    }

    @Test
    void anotherVerificationEmailAtMostOnceAMinuteAndFiveTimesADay() throws SQLException {
        SignedInUser ada = hub().unverifiedUser("Ada");
        String sent = "select count(*) from system_emails where kind = 'verify_email' and to_address = ?";
        assertThat(TestDatabase.count(sent, ada.email())).isEqualTo(1);

        // the sign-up's email was just sent: a minute must pass
        Response tooSoon = resend(ada);
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.code()).isEqualTo("verification_throttled");
        assertThat(Long.parseLong(tooSoon.header("Retry-After"))).isBetween(1L, 60L);

        for (int i = 2; i <= 5; i++) {
            earlier(ada, "2 minutes");
            Response again = resend(ada);
            assertThat(again.status()).as(again.raw().body()).isEqualTo(202);
            assertThat(again.body().get("expiresAt").asString()).isNotBlank();
            assertThat(TestDatabase.count(sent, ada.email())).isEqualTo(i);
        }
        earlier(ada, "2 minutes");
        Response sixth = resend(ada);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.code()).isEqualTo("verification_throttled");
        // the oldest of the five (about ten minutes old) leaves the day's window in about 23 hours 50 minutes
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(23 * 3600L, 24 * 3600L);
        assertThat(TestDatabase.count(sent, ada.email())).isEqualTo(5);

        // the newest code verifies the address; then there is nothing to resend
        hub().verify(ada.email());
        Response verified = resend(ada);
        assertThat(verified.status()).isEqualTo(409);
        assertThat(verified.code()).isEqualTo("email_already_verified");
        assertThat(hub().post("/api/v1/auth/resend-verification", Map.of(), null).status()).isEqualTo(401);
    }

    private Response resend(SignedInUser user) {
        return hub().post("/api/v1/auth/resend-verification", Map.of(), user.token());
    }

    /** Moves the user's verification emails back in time, as if that much time had passed. */
    private static void earlier(SignedInUser user, String interval) throws SQLException {
        TestDatabase.execute("update email_verifications set created_at = created_at - cast(? as interval)"
                + " where user_id = ?", interval, user.id());
    }
}
