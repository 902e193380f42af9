/**
 * The operator console served at {@code /console/}: static pages (plain HTML, CSS and ES modules, charts
 * by uPlot from its WebJar) that call the hub's JSON API. Sign-in, tenant switcher, dashboard,
 * integrations with health and charts, alerts, outbound webhook endpoints with their deliveries, the
 * help menu and the support button. Pages are listed in one place ({@code static/console/pages.js}),
 * one ES module each under {@code static/console/pages/}; see the README's "Console" section.
 */
package com.penguinmails.hub.console;
