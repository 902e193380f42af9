/**
 * Provider key management (the guide's APIKeyManager): provider keys with environment,
 * permissions, expiry and rotation schedule; rotation that tests the new key against the provider
 * before anything switches, keeps the old key through a grace period, then revokes and erases it;
 * and the report of keys due for rotation or expiring. Provider modules plug in a
 * {@link com.penguinmails.hub.providerkeys.ProviderKeyTester} and, where the provider can revoke
 * keys by API, a {@link com.penguinmails.hub.providerkeys.ProviderKeyRevoker}.
 */
package com.penguinmails.hub.providerkeys;
