/**
 * SendGrid: its Signed Event Webhook source (ECDSA P-256 over timestamp and raw body, see
 * docs/PROVIDERS.md §2.3) and, with the email issue, its client and event mapper.
 */
package com.penguinmails.hub.sendgrid;
