/**
 * Protection of secrets and of the record: the {@link com.penguinmails.hub.security.Keyring}
 * (envelope encryption of every stored secret), the audit log (append-only record of who changed
 * what in a tenant, queried and exported through the API), the hub's own tenant API keys, and the
 * retention job that expires raw provider payloads. Other modules record through
 * {@link com.penguinmails.hub.security.AuditLog} and register expiring tables as
 * {@link com.penguinmails.hub.security.ExpiringData} beans.
 */
package com.penguinmails.hub.security;
