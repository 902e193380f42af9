package com.penguinmails.hub.security.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.security.ExpiringData;
import com.penguinmails.hub.security.IdempotentCreates;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;

/**
 * {@link IdempotentCreates} over {@link IdempotentRequests}: the key is claimed before the create runs, so
 * two requests with one key never both create; the answer is sealed with the keyring because it may hold
 * a secret the API shows once.
 */
@Service
class AnsweringOnce implements IdempotentCreates {

    private static final String TABLE = "idempotent_requests";

    private final IdempotentRequests requests;
    private final TenantTransactions transactions;
    private final Keyring keyring;
    private final JsonMapper json;
    private final Clock clock;

    AnsweringOnce(IdempotentRequests requests, TenantTransactions transactions, Keyring keyring, JsonMapper json,
                  Clock clock) {
        this.requests = requests;
        this.transactions = transactions;
        this.keyring = keyring;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public <T> ResponseEntity<T> once(UUID tenantId, String operation, String key, Object request, Class<T> type,
                                      Supplier<ResponseEntity<T>> create) {
        if (key == null) {
            return create.get();
        }
        String hash = hash(request);
        UUID id = UUID.randomUUID();
        if (!transactions.inTenant(tenantId, () -> requests.claim(tenantId, id, operation, key, hash, clock.instant()))) {
            return replay(tenantId, operation, key, hash, type);
        }
        ResponseEntity<T> answer;
        try {
            answer = create.get();
        } catch (RuntimeException e) {
            transactions.inTenant(tenantId, () -> requests.release(tenantId, id));
            throw e;
        }
        if (!answer.getStatusCode().is2xxSuccessful()) {
            transactions.inTenant(tenantId, () -> requests.release(tenantId, id));
            return answer;
        }
        URI location = answer.getHeaders().getLocation();
        transactions.inTenant(tenantId, () -> requests.answer(tenantId, id, answer.getStatusCode().value(),
                location == null ? null : location.toString(), answer.getBody() == null ? null
                        : keyring.seal(context(tenantId, id), json.writeValueAsString(answer.getBody()))));
        return answer;
    }

    private <T> ResponseEntity<T> replay(UUID tenantId, String operation, String key, String hash, Class<T> type) {
        IdempotentRequests.Stored stored = transactions.readInTenant(tenantId,
                () -> requests.find(tenantId, operation, key)).orElseThrow(AnsweringOnce::inUse);
        if (!stored.requestHash().equals(hash)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request");
        }
        if (stored.status() == null) {
            throw inUse();
        }
        T body = stored.response() == null ? null : transactions.readInTenant(tenantId, () -> json.readValue(
                keyring.open(context(tenantId, stored.id()), stored.response()), type));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(stored.status());
        if (stored.location() != null) {
            answer.location(URI.create(stored.location()));
        }
        return answer.body(body);
    }

    private static ApiProblem inUse() {
        return ApiProblem.conflict("idempotency_key_in_use",
                "A request with this Idempotency-Key is still running; repeat it in a moment");
    }

    private static SecretContext context(UUID tenantId, UUID id) {
        return new SecretContext(tenantId, TABLE, id, "response");
    }

    private String hash(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys are kept for a day, as Stripe keeps its own. */
    @Component
    static class Retention implements ExpiringData {

        @Override
        public String table() {
            return TABLE;
        }

        @Override
        public Optional<Duration> retention() {
            return Optional.of(Duration.ofDays(1));
        }
    }
}
