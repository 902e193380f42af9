/**
 * Mailgun: its webhook source (HMAC-SHA256 over timestamp and token, see docs/PROVIDERS.md §1.3) and,
 * with the email issue, its client and event mapper.
 */
package com.penguinmails.hub.mailgun;
