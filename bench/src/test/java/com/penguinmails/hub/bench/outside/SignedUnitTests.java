package com.penguinmails.hub.bench.outside;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SignedUnitTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aStripeEventIsSignedOverTheTimestampAndTheBodyAndCarriesItsId() {
        Signed.Body event = Signed.stripe("whsec_test", "abc123", 1_700_000_000L);
        String expected = HexFormat.of().formatHex(Signed.hmac("whsec_test", "1700000000." + event.body()));
        assertThat(event.headers()).containsEntry("Stripe-Signature", "t=1700000000,v1=" + expected);
        assertThat(JSON.readTree(event.body()).get("id").asString()).isEqualTo("evt_abc123");
    }

    @Test
    void aMailgunEventIsSignedOverTheTimestampAndTheToken() {
        Signed.Body event = Signed.mailgun("key-0123456789abcdef", "event-1", "token-1", 1_700_000_000L);
        JsonNode signature = JSON.readTree(event.body()).get("signature");
        assertThat(signature.get("token").asString()).isEqualTo("token-1");
        assertThat(signature.get("signature").asString())
                .isEqualTo(HexFormat.of().formatHex(Signed.hmac("key-0123456789abcdef", "1700000000token-1")));
        assertThat(JSON.readTree(event.body()).get("event-data").get("id").asString()).isEqualTo("event-1");
    }

    @Test
    void aSendGridBatchHoldsDistinctEventsAndItsSignatureVerifiesWithThePublicKey() throws Exception {
        String body = Signed.sendGridBatch("run-7", 100);
        JsonNode events = JSON.readTree(body);
        assertThat(events.size()).isEqualTo(100);
        assertThat(events.get(99).get("sg_event_id").asString()).isEqualTo("run-7-99");
        KeyPair keys = Signed.sendGridKeys();
        String signature = Signed.sendGridSignature(keys, "1700000000", body);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(("1700000000" + body).getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
    }
}
