/**
 * Credentials other than sessions: API-key callers, their {@link com.penguinmails.hub.platform.auth.Scope scopes},
 * the {@link com.penguinmails.hub.platform.auth.RequiredScope} annotation every API endpoint that accepts keys
 * carries, and the {@link com.penguinmails.hub.platform.auth.BearerAuthenticator} SPI.
 */
package com.penguinmails.hub.platform.auth;
