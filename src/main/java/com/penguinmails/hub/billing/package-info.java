/**
 * Billing: a tenant's Stripe Connect account (Express, onboarding links whose refresh URL makes a
 * new link), PaymentIntents on its behalf with the platform's application fee, its subscription and
 * invoices as Stripe's events report them, and failed-payment handling (past due, attempt count,
 * email to the billing contacts). Events are applied once per event id and ordered by Stripe's
 * {@code created}, never by arrival. Publishes {@code billing.*} outbound events.
 */
package com.penguinmails.hub.billing;
