package com.penguinmails.hub.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.EmailedCodes;
import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** People join a tenant by an emailed, single-use, expiring invitation to their address. */
class InvitationsIntegrationTests extends HubIntegrationTest {

    private final EmailedCodes inbox = new EmailedCodes(TestDatabase::asOwner);

    private SignedInUser ada;
    private UUID tenant;
    private String invitations;

    @BeforeEach
    void aTenant() {
        ada = hub().signedInUser("Ada");
        tenant = hub().tenantOf(ada, "Analytical Engines");
        invitations = "/api/v1/tenants/" + tenant + "/invitations";
    }

    @Test
    void anInvitationIsEmailedAndAcceptedOnceByTheInvitedAddress() {
        SignedInUser grace = hub().signedInUser("Grace");
        SignedInUser mallory = hub().signedInUser("Mallory");

        Response invited = hub().post(invitations, Map.of("email", grace.email(), "role", "admin"), ada.token());
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        assertThat(invited.body().get("email").asString()).isEqualTo(grace.email());
        assertThat(invited.body().get("role").asString()).isEqualTo("admin");
        assertThat(invited.body().get("invitedBy").asString()).isEqualTo(ada.id().toString());
        assertThat(Instant.parse(invited.body().get("expiresAt").asString()))
                .isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(120), Instant.now().plus(Duration.ofDays(7)));
        assertThat(invited.body().has("name")).isFalse();
        assertThat(invited.raw().body()).doesNotContain(grace.id().toString());

        String token = inbox.invitation(grace.email());
        assertThat(TestDatabase.count("select count(*) from tenant_invitations where tenant_id = ? and token_hash"
                + " = sha256(convert_to(?, 'UTF8'))", tenant, token)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from system_emails where kind = 'tenant_invitation'"
                + " and to_address = ? and body_text like '%Analytical Engines%'", grace.email())).isEqualTo(1);
        Response pending = hub().get(invitations, ada.token());
        assertThat(pending.body().findValuesAsString("email")).containsExactly(grace.email());

        // someone else holding the link cannot use it
        Response stolen = accept(mallory, token);
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.code()).isEqualTo("invitation_for_another_address");
        assertThat(stolen.raw().body()).doesNotContain(grace.email());

        Response joined = accept(grace, token);
        assertThat(joined.status()).as(joined.raw().body()).isEqualTo(200);
        assertThat(joined.body().get("roles").get(0).asString()).isEqualTo("admin");
        assertThat(hub().get("/api/v1/tenants/" + tenant, grace.token()).status()).isEqualTo(200);
        assertThat(hub().get(invitations, ada.token()).body().size()).isZero();

        Response again = accept(grace, token);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("invitation_not_found");
        assertThat(accept(mallory, "made-up-token").code()).isEqualTo("invitation_not_found");

        Response member = hub().post(invitations, Map.of("email", grace.email().toUpperCase(), "role", "viewer"),
                ada.token());
        assertThat(member.status()).isEqualTo(409);
        assertThat(member.code()).isEqualTo("already_member");
    }

    @Test
    void invitingAnswersTheSameWhetherOrNotTheAddressHasAnAccount() {
        SignedInUser known = hub().signedInUser("Known");
        String unknown = HubClient.uniqueEmail("nobody");

        Response toKnown = hub().post(invitations, Map.of("email", known.email(), "role", "member"), ada.token());
        Response toUnknown = hub().post(invitations, Map.of("email", unknown, "role", "member"), ada.token());

        assertThat(toKnown.status()).isEqualTo(201);
        assertThat(toUnknown.status()).isEqualTo(201);
        assertThat(toKnown.body().propertyNames()).isEqualTo(toUnknown.body().propertyNames());
        assertThat(toKnown.raw().body()).doesNotContain(known.id().toString()).doesNotContain("Known\"");
        assertThat(TestDatabase.count("select count(*) from system_emails where kind = 'tenant_invitation'"
                + " and to_address in (?, ?)", known.email(), unknown)).isEqualTo(2);
        assertThat(hub().get(invitations, ada.token()).body().findValuesAsString("email"))
                .containsExactly(known.email(), unknown);
    }

    @Test
    void revokedReplacedAndExpiredInvitationsCannotBeAccepted() {
        SignedInUser grace = hub().signedInUser("Grace");

        // revoked
        Response invited = hub().post(invitations, Map.of("email", grace.email(), "role", "member"), ada.token());
        String revokedToken = inbox.invitation(grace.email());
        String id = invited.body().get("id").asString();
        assertThat(hub().delete(invitations + "/" + id, ada.token()).status()).isEqualTo(204);
        assertThat(hub().delete(invitations + "/" + id, ada.token()).code()).isEqualTo("invitation_not_found");
        assertThat(accept(grace, revokedToken).code()).isEqualTo("invitation_not_found");

        // replaced by inviting the address again
        hub().post(invitations, Map.of("email", grace.email(), "role", "member"), ada.token());
        String first = inbox.invitation(grace.email());
        hub().post(invitations, Map.of("email", grace.email(), "role", "viewer"), ada.token());
        String second = inbox.invitation(grace.email());
        assertThat(hub().get(invitations, ada.token()).body().findValuesAsString("role")).containsExactly("viewer");
        assertThat(accept(grace, first).code()).isEqualTo("invitation_not_found");

        // expired
        TestDatabase.execute("update tenant_invitations set expires_at = now() - interval '1 second'"
                + " where tenant_id = ? and revoked_at is null", tenant);
        assertThat(hub().get(invitations, ada.token()).body().size()).isZero();
        assertThat(accept(grace, second).code()).isEqualTo("invitation_not_found");
        assertThat(hub().get("/api/v1/tenants/" + tenant, grace.token()).status()).isEqualTo(404);
    }

    @Test
    void anUnverifiedAddressNeitherInvitesNorAccepts() {
        SignedInUser newcomer = hub().unverifiedUser("Newcomer");
        hub().post(invitations, Map.of("email", newcomer.email(), "role", "member"), ada.token());
        String token = inbox.invitation(newcomer.email());
        Response unverified = accept(newcomer, token);
        assertThat(unverified.status()).isEqualTo(403);
        assertThat(unverified.code()).isEqualTo("email_not_verified");

        UUID own = hub().tenantOf(newcomer, "Newcomer's");
        Response inviting = hub().post("/api/v1/tenants/" + own + "/invitations", Map.of("email", "x@example.com",
                "role", "member"), newcomer.token());
        assertThat(inviting.status()).isEqualTo(403);
        assertThat(inviting.code()).isEqualTo("email_not_verified");

        hub().verify(newcomer.email());
        assertThat(accept(newcomer, token).status()).isEqualTo(200);
    }

    @Test
    void invitationsAreValidated() {
        Response bad = hub().post(invitations, Map.of("email", "not an address", "role", "king"), ada.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("email", "role");
        assertThat(hub().post("/api/v1/invitations/accept", Map.of("token", "x"), null).status()).isEqualTo(401);
        assertThat(List.of(hub().get(invitations, ada.token()).body().size())).containsExactly(0);
    }

    private Response accept(SignedInUser user, String token) {
        return hub().post("/api/v1/invitations/accept", Map.of("token", token), user.token());
    }
}
