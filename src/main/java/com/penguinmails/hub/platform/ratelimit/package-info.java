/**
 * Rate limits shared by every hub node: Bucket4j buckets kept in PostgreSQL
 * ({@link com.penguinmails.hub.platform.ratelimit.SharedBuckets}), used by the gateway (per-integration limits
 * with {@code hub.gateway.shared-rate-limits}) and by the webhook module (per-endpoint delivery limits).
 */
package com.penguinmails.hub.platform.ratelimit;
