/**
 * Shared foundations every module uses: the database (embedded or external, with the
 * per-transaction tenant scope that row-level security relies on) and the HTTP error
 * contract (RFC 9457 problem details with a stable {@code code}).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.penguinmails.hub.platform;
