package com.penguinmails.hub.security;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.http.ResponseEntity;

/**
 * Answers a create that carries an {@code Idempotency-Key} once: the same key with the same body gets the
 * first answer again (status, {@code Location} and body) and creates nothing more; the same key with another
 * body is refused with 422 {@code idempotency_key_reused}; while the first request still runs, a repeat gets
 * 409 {@code idempotency_key_in_use}. A failed create leaves the key free. Keys are kept for a day, per
 * tenant and operation.
 */
public interface IdempotentCreates {

    /** The {@code Idempotency-Key} header's form, as on email sends and payments. */
    String KEY_PATTERN = "[A-Za-z0-9_.:-]{1,200}";

    /** The header's name. */
    String HEADER = "Idempotency-Key";

    /**
     * Runs {@code create} unless {@code key} was used before for {@code operation} in the tenant. The caller
     * checks access first: a replay answers without running {@code create}.
     *
     * @param key the header's value; null runs {@code create} as is
     * @param request the request body, whose hash tells a repeat from another request
     * @param type the answer's body type, to read a stored answer back
     */
    <T> ResponseEntity<T> once(UUID tenantId, String operation, String key, Object request, Class<T> type,
                               Supplier<ResponseEntity<T>> create);
}
