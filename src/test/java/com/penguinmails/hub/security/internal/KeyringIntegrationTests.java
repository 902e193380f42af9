package com.penguinmails.hub.security.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;
import com.penguinmails.hub.security.SecretTamperedException;
import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubIntegrationTest;
import com.penguinmails.hub.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyringIntegrationTests extends HubIntegrationTest {

    private static final String ROTATED = "rotated:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @Autowired
    Keyring keyring;
    @Autowired
    DataKeys dataKeys;
    @Autowired
    TenantTransactions transactions;
    @Autowired
    Clock clock;

    private final UUID tenant = UUID.randomUUID();
    private final SecretContext apiKey = new SecretContext(tenant, "integrations", UUID.randomUUID(), "api_key");

    @Test
    void aSealedSecretOpensOnlyInItsOwnPlace() {
        byte[] sealed = keyring.seal(apiKey, "key-3f9a-secret");

        assertThat(keyring.open(apiKey, sealed)).isEqualTo("key-3f9a-secret");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("key-3f9a-secret");
        assertThat(keyring.seal(apiKey, "key-3f9a-secret")).isNotEqualTo(sealed);

        List<SecretContext> elsewhere = List.of(
                new SecretContext(UUID.randomUUID(), apiKey.table(), apiKey.rowId(), apiKey.field()),
                new SecretContext(tenant, apiKey.table(), UUID.randomUUID(), apiKey.field()),
                new SecretContext(tenant, apiKey.table(), apiKey.rowId(), "webhook_signing_key"),
                new SecretContext(tenant, "oauth_connections", apiKey.rowId(), apiKey.field()));
        for (SecretContext place : elsewhere) {
            assertThatThrownBy(() -> keyring.open(place, sealed)).isInstanceOf(SecretTamperedException.class)
                    .hasMessageNotContaining("key-3f9a-secret");
        }
    }

    @Test
    void anyChangedByteFailsLoudly() {
        byte[] sealed = keyring.seal(apiKey, "tamper me");
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> keyring.open(apiKey, tampered)).as("byte " + i)
                    .isInstanceOf(SecretTamperedException.class);
        }
        assertThatThrownBy(() -> keyring.open(apiKey, new byte[3])).isInstanceOf(SecretTamperedException.class);
        assertThatThrownBy(() -> keyring.open(apiKey, null)).isInstanceOf(SecretTamperedException.class);
    }

    @Test
    void masterKeyRotationKeepsEverySecretReadableWithoutTheOldKey() {
        List<byte[]> sealed = new ArrayList<>();
        List<SecretContext> places = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SecretContext place = new SecretContext(tenant, "integrations", UUID.randomUUID(), "api_key");
            places.add(place);
            sealed.add(keyring.seal(place, "secret-" + i));
        }
        keyring(MasterKeys.parse(TEST_MASTER_KEY)).rotateDataKey(); // secrets under two data keys now
        SecretContext late = new SecretContext(tenant, "integrations", UUID.randomUUID(), "api_key");
        places.add(late);
        sealed.add(keyring(MasterKeys.parse(TEST_MASTER_KEY)).seal(late, "secret-late"));

        EnvelopeKeyring duringRotation = keyring(MasterKeys.parse(ROTATED + "," + TEST_MASTER_KEY));
        assertThat(duringRotation.rewrapAll()).isGreaterThanOrEqualTo(2);
        assertThat(dataKeys.countByMasterKey()).containsOnlyKeys("rotated");

        EnvelopeKeyring withoutTheOldKey = keyring(MasterKeys.parse(ROTATED));
        for (int i = 0; i < places.size(); i++) {
            assertThat(withoutTheOldKey.open(places.get(i), sealed.get(i))).startsWith("secret-");
        }
        assertThatThrownBy(() -> keyring(MasterKeys.parse(TEST_MASTER_KEY)).open(places.get(0), sealed.get(0)))
                .isInstanceOf(SecretTamperedException.class);

        // put the suite's key back in charge for the other tests
        assertThat(keyring(MasterKeys.parse(TEST_MASTER_KEY + "," + ROTATED)).rewrapAll()).isGreaterThanOrEqualTo(2);
        assertThat(dataKeys.countByMasterKey()).containsOnlyKeys("test");
    }

    @Test
    void keyringCommandsAreForStaffAdminsOnly() throws Exception {
        HubClient.SignedInUser ada = hub().signedInUser("Ada");
        assertThat(hub().get("/api/v1/admin/keyring", ada.token()).code()).isEqualTo("staff_admin_required");

        HubClient.SignedInUser operator = hub().signedInUser("Operator");
        try (var owner = TestDatabase.asOwner(); var ps = owner.prepareStatement(
                "insert into staff_members (user_id, role) values (?, 'admin')")) {
            ps.setObject(1, operator.id());
            ps.executeUpdate();
        }
        Response status = hub().get("/api/v1/admin/keyring", operator.token());
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().get("activeMasterKey").asString()).isEqualTo("test");
        assertThat(status.raw().body()).doesNotContain("MDEyMzQ1");
        Response rewrap = hub().post("/api/v1/admin/keyring/rewrap", Map.of(), operator.token());
        assertThat(rewrap.body().get("rewrapped").asInt()).isZero();
    }

    private EnvelopeKeyring keyring(MasterKeys keys) {
        return new EnvelopeKeyring(keys, dataKeys, transactions, clock);
    }
}
