/**
 * The customer-support desk: help-center links and the support email button, support requests and
 * their routing, tickets with public replies and internal notes, email to ticket (Mailgun routes,
 * SendGrid inbound parse, raw MIME) with threading, the knowledge base with full-text suggestions,
 * SLA targets and alerts, satisfaction ratings, the email-to-tickets migration setting and reports.
 * Run by PenguinMails staff across tenants; a tenant's users see their own tenant's tickets only.
 * Nothing here is called by other modules: it is used over HTTP.
 */
package com.penguinmails.hub.support;
