/**
 * Outgoing email. For now: the system emails the hub itself sends (account verification), queued
 * in {@code system_emails} in the transaction that caused them; provider delivery arrives with the
 * email-sending issue.
 */
package com.penguinmails.hub.email;
