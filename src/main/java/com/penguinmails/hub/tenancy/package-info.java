/**
 * Tenants, users, memberships and roles, preferences, PenguinMails staff, sign-up, sign-in and
 * sessions, and the tenant context of each request. Other modules read the signed-in user through
 * {@link com.penguinmails.hub.tenancy.CurrentUser} and the tenant a request works in through
 * {@link com.penguinmails.hub.tenancy.TenantAccess}.
 */
package com.penguinmails.hub.tenancy;
