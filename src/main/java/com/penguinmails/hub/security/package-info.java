/**
 * Protection of secrets and of the record: the {@link com.penguinmails.hub.security.Keyring}
 * (envelope encryption of every stored secret), the hub's own API keys and the audit log.
 */
package com.penguinmails.hub.security;
