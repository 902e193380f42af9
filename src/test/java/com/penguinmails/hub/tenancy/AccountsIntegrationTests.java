package com.penguinmails.hub.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsIntegrationTests extends HubIntegrationTest {

    @Test
    void signUpCreatesAnUnverifiedAccountAndQueuesTheVerificationEmail() throws SQLException {
        String email = HubClient.uniqueEmail("Ada");
        Response signUp = hub().post("/api/v1/auth/signup", Map.of("email", email, "password", HubClient.PASSWORD,
                "name", "Ada", "data", Map.of("company", "Analytical Engines", "title", "Founder")), null);

        assertThat(signUp.status()).isEqualTo(201);
        assertThat(signUp.body().get("emailVerified").asBoolean()).isFalse();
        assertThat(signUp.body().get("onboardingStep").asString()).isEqualTo("verify");
        assertThat(signUp.body().get("data").get("company").asString()).isEqualTo("Analytical Engines");
        assertThat(signUp.body().has("passwordHash")).isFalse();

        String storedHash = ownerQuery("select password_hash from users where lower(email) = lower(?)", email);
        assertThat(storedHash).startsWith("$argon2id$").doesNotContain(HubClient.PASSWORD);
        assertThat(verificationToken(email)).hasSizeGreaterThan(40);
    }

    @Test
    void theVerificationTokenWorksOnce() throws SQLException {
        SignedInUser ada = hub().unverifiedUser("Ada");
        String token = verificationToken(ada.email());

        Response verified = hub().post("/api/v1/auth/verify-email", Map.of("token", token), null);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().get("emailVerified").asBoolean()).isTrue();
        assertThat(verified.body().get("onboardingStep").asString()).isEqualTo("create_tenant");

        Response again = hub().post("/api/v1/auth/verify-email", Map.of("token", token), null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("invalid_verification_token");
        assertThat(hub().post("/api/v1/auth/verify-email", Map.of("token", "made-up"), null).status()).isEqualTo(400);
    }

    @Test
    void anEmailAddressSignsUpOnlyOnceWhateverItsCase() {
        String email = HubClient.uniqueEmail("grace");
        assertThat(hub().post("/api/v1/auth/signup", Map.of("email", email, "password", HubClient.PASSWORD,
                "name", "Grace"), null).status()).isEqualTo(201);

        Response duplicate = hub().post("/api/v1/auth/signup", Map.of("email", email.toUpperCase(),
                "password", HubClient.PASSWORD, "name", "Grace"), null);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("email_taken");
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        SignedInUser ada = hub().signedInUser("Ada");
        Response wrongPassword = hub().post("/api/v1/auth/signin",
                Map.of("email", ada.email(), "password", "not the password"), null);
        Response unknownEmail = hub().post("/api/v1/auth/signin",
                Map.of("email", HubClient.uniqueEmail("nobody"), "password", "not the password"), null);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.body().toString()).isEqualTo(unknownEmail.body().toString());
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
    }

    @Test
    void signInIsCaseInsensitiveAndTheSessionTokenIsStoredOnlyAsAHash() throws SQLException {
        SignedInUser ada = hub().signedInUser("Ada");
        SignedInUser again = hub().signIn(ada.email().toUpperCase());

        assertThat(again.id()).isEqualTo(ada.id());
        assertThat(again.token()).isNotEqualTo(ada.token());
        assertThat(ownerQuery("select count(*)::text from sessions where user_id = ?::uuid", ada.id().toString()))
                .isEqualTo("2");
        assertThat(ownerQuery("""
                select count(*)::text from sessions where encode(token_hash, 'escape') like '%' || ? || '%'""",
                ada.token())).isEqualTo("0");
    }

    @Test
    void meReturnsTheUserWithProfile() {
        SignedInUser ada = hub().signedInUser("Ada");
        UUID tenant = hub().tenantOf(ada, "Analytical Engines");

        Response me = hub().get("/api/v1/me", ada.token());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("user").get("email").asString()).isEqualTo(ada.email());
        assertThat(me.body().get("isPenguinMailsStaff").asBoolean()).isFalse();
        var membership = me.body().get("memberships").get(0);
        assertThat(membership.get("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(membership.get("roles").get(0).asString()).isEqualTo("owner");
        assertThat(membership.get("preferences").get("timezone").asString()).isEqualTo("UTC");
    }

    @Test
    void aSignedOutSessionIsRefused() {
        SignedInUser ada = hub().signedInUser("Ada");
        assertThat(hub().post("/api/v1/auth/signout", null, ada.token()).status()).isEqualTo(204);

        Response me = hub().get("/api/v1/me", ada.token());
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("unauthenticated");
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheUser() {
        SignedInUser laptop = hub().signedInUser("Ada");
        SignedInUser phone = hub().signIn(laptop.email());
        SignedInUser someoneElse = hub().signedInUser("Grace");

        assertThat(hub().post("/api/v1/auth/signout-all", null, phone.token()).status()).isEqualTo(204);

        assertThat(hub().get("/api/v1/me", laptop.token()).status()).isEqualTo(401);
        assertThat(hub().get("/api/v1/me", phone.token()).status()).isEqualTo(401);
        assertThat(hub().get("/api/v1/me", someoneElse.token()).status()).isEqualTo(200);
    }

    @Test
    void anExpiredSessionIsRefused() throws SQLException {
        SignedInUser ada = hub().signedInUser("Ada");
        ownerUpdate("update sessions set expires_at = now() - interval '1 second' where user_id = ?::uuid", ada.id());
        assertThat(hub().get("/api/v1/me", ada.token()).status()).isEqualTo(401);
    }

    @Test
    void aSessionIdleForTooLongIsRefused() throws SQLException {
        SignedInUser ada = hub().signedInUser("Ada");
        ownerUpdate("update sessions set last_seen_at = now() - interval '8 days' where user_id = ?::uuid", ada.id());
        assertThat(hub().get("/api/v1/me", ada.token()).status()).isEqualTo(401);
    }

    @Test
    void garbageTokensAreRefused() {
        assertThat(hub().get("/api/v1/me", "not-a-session").status()).isEqualTo(401);
        assertThat(hub().get("/api/v1/me", "x".repeat(5000)).status()).isEqualTo(401);
        assertThat(hub().get("/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresOnOneAccountAreThrottledWithRetryAfter() {
        SignedInUser ada = hub().signedInUser("Ada");
        Response last = null;
        for (int i = 0; i < 11; i++) {
            last = hub().post("/api/v1/auth/signin", Map.of("email", ada.email(), "password", "guess " + i), null);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.code()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();

        Response evenTheRightPassword = hub().post("/api/v1/auth/signin",
                Map.of("email", ada.email(), "password", HubClient.PASSWORD), null);
        assertThat(evenTheRightPassword.status()).isEqualTo(429);
    }

    private static String verificationToken(String email) throws SQLException {
        String body = ownerQuery("""
                select body_text from system_emails where lower(to_address) = lower(?) and kind = 'verify_email'""", email);
        Matcher matcher = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    static String ownerQuery(String sql, String arg) throws SQLException {
        try (Connection owner = TestDatabase.asOwner(); PreparedStatement ps = owner.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void ownerUpdate(String sql, Object arg) throws SQLException {
        try (Connection owner = TestDatabase.asOwner(); PreparedStatement ps = owner.prepareStatement(sql)) {
            ps.setString(1, arg.toString());
            ps.executeUpdate();
        }
    }
}
