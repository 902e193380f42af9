/**
 * OAuth 2.0 connections to Google, Microsoft, HubSpot (and any standards-compliant provider defined
 * by configuration): the authorisation-code flow with PKCE and a single-use state, sealed tokens kept
 * fresh by a cluster-wide refresh job, revocation on disconnect, and what the connections are for:
 * {@link com.penguinmails.hub.oauth.OAuthConnections#accessToken} for other modules, sending mail
 * from a connected mailbox through {@link com.penguinmails.hub.oauth.MailboxSender}, and importing
 * the account's contacts into the tenant's contact list.
 */
package com.penguinmails.hub.oauth;
