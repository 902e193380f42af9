package com.penguinmails.hub.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.platform.web.PublicEndpoints;
import com.penguinmails.hub.stripe.AccountLink;

/**
 * The refresh URL of onboarding links. Stripe sends the browser here when a link expired, was
 * already used or is otherwise invalid; there is no session, the random token in the path names
 * the account. The answer is a redirect to a brand-new link, never stored, never cached.
 */
@RestController
@Tag(name = "Billing")
class OnboardingRefreshController {

    private final ConnectingStripeAccounts connecting;

    OnboardingRefreshController(ConnectingStripeAccounts connecting) {
        this.connecting = connecting;
    }

    @GetMapping(ConnectingStripeAccounts.REFRESH_PATH + "{token}")
    @ApiResponse(responseCode = "303", description = "To a fresh onboarding link")
    @Operation(operationId = "refreshOnboardingLink", summary = "Stripe's refresh URL: makes a fresh onboarding link and redirects to it")
    ResponseEntity<Void> refresh(@PathVariable String token) {
        if (!token.matches("[A-Za-z0-9_-]{43}")) {
            throw ApiProblem.badRequest("invalid_token", "Not an onboarding refresh token");
        }
        AccountLink link = BillingController.stripe(() -> connecting.refresh(token)).orElseThrow(() ->
                new ApiProblem(HttpStatus.GONE, "onboarding_link_expired",
                        "This onboarding link can no longer be renewed; start again from the billing settings"));
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(link.url())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    static class Endpoints {

        @Bean
        PublicEndpoints billingOnboardingRefresh() {
            return PublicEndpoints.of(ConnectingStripeAccounts.REFRESH_PATH + "**");
        }
    }
}
