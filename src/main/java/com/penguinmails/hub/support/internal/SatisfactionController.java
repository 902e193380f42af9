package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.support.internal.SupportApi.RatingBody;
import com.penguinmails.hub.support.internal.SupportApi.RatingView;

/** The customer's satisfaction rating from the signed link in the "solved" email; no sign-in. */
@RestController
@RequestMapping("/api/v1/support/satisfaction")
@Tag(name = "Support satisfaction", description = "Rate a solved ticket from the emailed link")
class SatisfactionController {

    private final SatisfactionLinks links;
    private final Satisfactions satisfactions;
    private final Tickets tickets;
    private final TenantTransactions transactions;
    private final Clock clock;

    SatisfactionController(SatisfactionLinks links, Satisfactions satisfactions, Tickets tickets,
                           TenantTransactions transactions, Clock clock) {
        this.links = links;
        this.satisfactions = satisfactions;
        this.tickets = tickets;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping
    @Operation(operationId = "getSatisfactionRating", summary = "The ticket a link rates, and its current rating")
    RatingView read(@RequestParam @NotBlank @Size(max = 500) String token) {
        SatisfactionLinks.Claim claim = claim(token, clock.instant());
        return transactions.readInTenant(claim.tenantId(), () -> {
            Ticket t = tickets.find(claim.tenantId(), claim.ticketId()).orElseThrow(TicketDesk::notFound);
            var rating = satisfactions.rating(t.tenantId(), t.id());
            return new RatingView(t.reference(), t.subject(), rating.map(Satisfactions.Rating::rating).orElse(null),
                    rating.map(Satisfactions.Rating::comment).orElse(null));
        });
    }

    @PostMapping
    @Operation(operationId = "rateSatisfaction", summary = "Rate the ticket 1–5 with an optional comment (again replaces the rating)")
    RatingView rate(@Valid @RequestBody RatingBody body) {
        Instant now = clock.instant();
        SatisfactionLinks.Claim claim = claim(body.token(), now);
        return transactions.inTenant(claim.tenantId(), () -> {
            Ticket t = tickets.find(claim.tenantId(), claim.ticketId()).orElseThrow(TicketDesk::notFound);
            satisfactions.rate(t.tenantId(), t.id(), body.rating(), body.comment(), now);
            return new RatingView(t.reference(), t.subject(), body.rating(), body.comment());
        });
    }

    private SatisfactionLinks.Claim claim(String token, Instant now) {
        return links.verify(token, now).orElseThrow(() -> ApiProblem.badRequest("invalid_rating_link",
                "The rating link is not valid or has expired"));
    }
}
