/**
 * Outgoing email: messages queued in the same transaction as the request that asked for them and
 * sent by workers through the tenant's ESP integration (with failover), normalised delivery events
 * from every provider, per-recipient status, the suppression list and campaign metrics; and the
 * system emails the hub itself sends. Provider modules plug in an {@link com.penguinmails.hub.email.EmailProvider}
 * and feed {@link com.penguinmails.hub.email.EmailEvents}.
 */
package com.penguinmails.hub.email;
