package com.penguinmails.hub.oauth.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page the callback sends the user's browser to ({@code hub.oauth.console-path}): what became of
 * connecting the account, in words. It is rendered here rather than by a static page because it says
 * how long a sign-in may take ({@code hub.oauth.state-ttl}) and repeats the provider's own error text;
 * everything taken from the query is HTML-escaped, and the page runs no script.
 */
@RestController
@Hidden
class OAuthResultPage {

    private static final Map<String, String> MESSAGES = Map.of(
            "invalid_state", "This sign-in link is not valid or was already used. Start connecting the account again.",
            "state_not_bound", "The sign-in was started in another browser. Start it again in this one.",
            "access_denied", "You did not allow PenguinMails to use the account, so nothing was connected.",
            "missing_code", "The provider sent no authorisation code. Start connecting the account again.",
            "integration_unavailable", "The integration this account belongs to is not active any more.",
            "token_exchange_failed", "The provider refused to complete the sign-in. Start connecting the account again.",
            "provider_unavailable", "The provider could not be reached. Try again in a few minutes.");

    private final OAuthProperties properties;

    OAuthResultPage(OAuthProperties properties) {
        this.properties = properties;
    }

    @GetMapping(path = "${hub.oauth.console-path:/console/oauth.html}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@RequestParam(required = false) String status,
                                @RequestParam(required = false) String provider,
                                @RequestParam(required = false) String error,
                                @RequestParam(required = false) String detail) {
        String name = provider != null && provider.matches("[a-z][a-z0-9-]{1,49}") ? provider : "the";
        String message;
        boolean connected = "connected".equals(status);
        if (connected) {
            message = "Your " + name + " account is connected.";
        } else {
            message = message(name, error == null ? "unknown" : error, detail);
        }
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="referrer" content="no-referrer">
                  <title>Connect an account · PenguinMails</title>
                  <link rel="stylesheet" href="/console/console.css">
                </head>
                <body>
                <header><h1>PenguinMails</h1></header>
                <main>
                  <section>
                    <h2>Connecting your account</h2>
                    <p id="result" role="status" class="%s">%s</p>
                    <p><a href="/console/">Go to the console</a></p>
                  </section>
                </main>
                </body>
                </html>
                """.formatted(connected ? "status-UP" : "error", HtmlUtils.htmlEscape(message, "UTF-8"));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'")
                .body(html);
    }

    private String message(String provider, String error, String detail) {
        if ("state_expired".equals(error)) {
            return "The sign-in took longer than " + inWords(properties.stateTtl())
                    + ". Start connecting the account again.";
        }
        String known = MESSAGES.get(error);
        String said = detail == null || detail.isBlank() ? null : ConnectingAccounts.providerText(detail, null);
        if (known != null) {
            return said == null || !"access_denied".equals(error) ? known : known + " The provider said: " + said;
        }
        if (said != null) {
            return "The " + provider + " account was not connected: the provider answered with an error (" + said
                    + "). Start connecting the account again.";
        }
        String code = error.matches("[a-z_]{1,60}") ? error : "unknown";
        return "The " + provider + " account was not connected (" + code + ").";
    }

    /** A duration as people say it: {@code 10 minutes}, {@code 1 hour and 30 minutes}, {@code 45 seconds}. */
    static String inWords(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
        String[] units = {"day", "hour", "minute", "second"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                parts.add(amounts[i] + " " + units[i] + (amounts[i] == 1 ? "" : "s"));
            }
        }
        if (parts.isEmpty()) {
            return "0 seconds";
        }
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
