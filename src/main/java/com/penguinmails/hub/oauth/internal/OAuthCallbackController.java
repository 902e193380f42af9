package com.penguinmails.hub.oauth.internal;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.hub.platform.web.PublicEndpoints;

/**
 * The redirect URI providers send the user's browser back to. It needs no session: the single-use
 * state and the browser-binding cookie authenticate it. It always answers with a redirect to the
 * console page that shows the outcome ({@code status=connected} or {@code status=error&error=…}),
 * never with the code or a token, and with {@code Referrer-Policy: no-referrer} so the callback's
 * query (the code) does not leak to the next page.
 */
@RestController
@Tag(name = "OAuth connections")
class OAuthCallbackController {

    static final String PATH = "/oauth/callback/";

    private final ConnectingAccounts connecting;
    private final OAuthProperties properties;

    OAuthCallbackController(ConnectingAccounts connecting, OAuthProperties properties) {
        this.connecting = connecting;
        this.properties = properties;
    }

    @GetMapping(PATH + "{provider}")
    @ApiResponse(responseCode = "303", description = "Back to the console")
    @Operation(operationId = "completeOAuthAuthorization", summary = "The provider's redirect after the user answered the consent screen")
    ResponseEntity<Void> callback(@PathVariable String provider,
                                  @RequestParam(required = false) String code,
                                  @RequestParam(required = false) String state,
                                  @RequestParam(required = false) String error,
                                  @RequestParam(name = "error_description", required = false) String errorDescription,
                                  @CookieValue(name = OAuthController.BINDING_COOKIE, required = false) String binding) {
        String name = provider.matches("[a-z][a-z0-9-]{1,49}") ? provider : "unknown";
        ConnectingAccounts.Outcome outcome = connecting.finish(name,
                new ConnectingAccounts.Callback(code, state, error, errorDescription, binding));
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(properties.consolePath())
                .queryParam("provider", name);
        if (outcome.connected()) {
            target.queryParam("status", "connected").queryParam("connection", outcome.connectionId());
        } else {
            target.queryParam("status", "error").queryParam("error", outcome.error());
            if (outcome.detail() != null) {
                target.queryParam("detail", outcome.detail());
            }
        }
        if (outcome.tenantId() != null) {
            target.queryParam("tenant", outcome.tenantId());
        }
        URI location = target.build().encode().toUri();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    static class Endpoints {

        @Bean
        PublicEndpoints oauthCallbackEndpoints() {
            return PublicEndpoints.of(PATH + "**");
        }
    }
}
