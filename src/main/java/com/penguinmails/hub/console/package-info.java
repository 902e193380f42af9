/**
 * The operator console served at {@code /console/}: static pages that call the hub's JSON API.
 * Today: sign-in, the signed-in user's profile and tenants, the hub's health, and the page the
 * verification email links to.
 */
package com.penguinmails.hub.console;
