package com.penguinmails.hub.support.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.posthog.ProductAnalytics;
import com.penguinmails.hub.support.internal.SupportApi.ArticleHit;
import com.penguinmails.hub.support.internal.SupportApi.ButtonView;
import com.penguinmails.hub.support.internal.SupportApi.RoutedView;
import com.penguinmails.hub.support.internal.SupportApi.SupportRequestBody;
import com.penguinmails.hub.support.internal.SupportApi.TicketView;
import com.penguinmails.hub.tenancy.CurrentUser;

/**
 * A signed-in user asks for help: the support button (the pre-filled email, as the migration mode
 * allows) and the support request, which the routing rules send to a ticket, to the help center
 * first (with matching articles), or to email.
 */
@Component
class AskingForHelp {

    private final CustomerFacts customers;
    private final DeskSettings settings;
    private final Routing routing;
    private final TicketDesk desk;
    private final SupportRequests requests;
    private final KnowledgeBase knowledgeBase;
    private final ProductAnalytics analytics;
    private final TenantTransactions transactions;
    private final SupportProperties properties;
    private final Clock clock;

    AskingForHelp(CustomerFacts customers, DeskSettings settings, Routing routing, TicketDesk desk,
                  SupportRequests requests, KnowledgeBase knowledgeBase, ProductAnalytics analytics,
                  TenantTransactions transactions, SupportProperties properties, Clock clock) {
        this.customers = customers;
        this.settings = settings;
        this.routing = routing;
        this.desk = desk;
        this.requests = requests;
        this.knowledgeBase = knowledgeBase;
        this.analytics = analytics;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    ButtonView button(UUID tenantId, CurrentUser user, SupportApi.ButtonRequest body) {
        Instant now = clock.instant();
        MigrationMode mode = settings.mode();
        SupportEmailButton.SupportEmail email = transactions.readInTenant(tenantId,
                () -> supportEmail(tenantId, user, body.issueType(), body.page(), body.browser(), now));
        analytics.supportButtonClick(tenantId, user.id(), body.source() == null ? "floating_button" : body.source());
        String primary = mode == MigrationMode.EMAIL_ONLY ? "email" : "ticket";
        boolean offersEmail = mode.offersEmail();
        return new ButtonView(mode.value(), primary, mode.takesTickets(), offersEmail ? email.to() : null,
                offersEmail ? email.subject() : null, offersEmail ? email.body() : null,
                offersEmail ? email.mailto() : null);
    }

    private SupportEmailButton.SupportEmail supportEmail(UUID tenantId, CurrentUser user, String issueType, String page,
                                                         String browser, Instant now) {
        CustomerFacts.TenantFacts tenant = customers.tenant(tenantId).orElseThrow(
                () -> ApiProblem.notFound("tenant_not_found", "No such tenant"));
        CustomerFacts.UserFacts facts = customers.user(user.id()).orElse(
                new CustomerFacts.UserFacts(user.name(), user.email(), null, null));
        return SupportEmailButton.build(properties.supportAddress(), new SupportEmailButton.Context(tenant.name(),
                tenant.plan(), tenant.createdAt(), facts.name(), facts.email(), facts.lastSignIn(), browser, page, now,
                properties.appVersion(), issueType == null || issueType.isBlank() ? "General Inquiry" : issueType));
    }

    RoutedView request(UUID tenantId, CurrentUser user, SupportRequestBody body) {
        Instant now = clock.instant();
        MigrationMode mode = settings.mode();
        return transactions.inTenant(tenantId, () -> {
            CustomerFacts.TenantFacts tenant = customers.tenant(tenantId).orElseThrow(
                    () -> ApiProblem.notFound("tenant_not_found", "No such tenant"));
            EmailTriage.Triage triage = EmailTriage.of(body.subject(), body.description());
            String category = body.category() != null ? body.category() : triage.category();
            String complexity = body.complexity() != null ? body.complexity() : triage.complexity();
            String priority = body.priority() != null ? body.priority() : triage.priority();
            String source = body.source() == null ? "website_form" : body.source();
            Routing.Decision decision;
            boolean insist = body.requestId() != null;
            if (insist) {
                requireOpenHelpCenterRequest(tenantId, user, body, category, mode, now);
                decision = new Routing.Decision("ticket", "help_center_not_enough",
                        "The asker read the suggested articles and still wanted a ticket");
            } else {
                decision = routing.decide(new Routing.Request(tenant.customerTier(), category, complexity), mode);
            }
            if ("help_center_first".equals(decision.channel())) {
                List<ArticleHit> hits = knowledgeBase.search(body.subject() + "\n" + body.description(), null, 5).stream()
                        .map(h -> new ArticleHit(h.article().id(), h.article().slug(), h.article().title(),
                                h.article().category(), desk.articleUrl(h.article().slug()), h.snippet(), h.score()))
                        .toList();
                UUID id = requests.record(new SupportRequests.Recorded(tenantId, null, user.id(), source, category,
                        complexity, tenant.customerTier(), decision, null), now);
                return new RoutedView(id, decision.channel(), decision.rule(), decision.reason(), null, hits, null);
            }
            if ("email".equals(decision.channel())) {
                SupportEmailButton.SupportEmail email = supportEmail(tenantId, user, category, body.page(), body.browser(), now);
                UUID id = requests.record(new SupportRequests.Recorded(tenantId, null, user.id(), source, category,
                        complexity, tenant.customerTier(), decision, null), now);
                return new RoutedView(id, decision.channel(), decision.rule(), decision.reason(), null, List.of(),
                        email.mailto());
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("source", source);
            metadata.put("original_mailto_attempt", Boolean.TRUE.equals(body.mailtoAttempted()));
            metadata.put("complexity", complexity);
            metadata.put("customer_tier", tenant.customerTier());
            if (insist) {
                metadata.put("help_center_request_id", body.requestId().toString());
            }
            if (body.page() != null) {
                metadata.put("page", body.page());
            }
            if (body.browser() != null) {
                metadata.put("browser", body.browser());
            }
            CustomerFacts.UserFacts facts = customers.user(user.id())
                    .orElse(new CustomerFacts.UserFacts(user.name(), user.email(), null, null));
            Ticket ticket = desk.open(new TicketDesk.NewTicket(tenantId, user.id(), body.subject(), body.description(),
                    facts.email(), facts.name(), priority, category, "web", List.of(), metadata, decision), now);
            UUID id;
            if (insist) {
                if (!requests.attachTicket(tenantId, body.requestId(), ticket.id())) {
                    throw new IllegalStateException("The locked help-center request " + body.requestId()
                            + " could not take its ticket");
                }
                id = body.requestId();
            } else {
                id = requests.record(new SupportRequests.Recorded(tenantId, null, user.id(), source, category,
                        complexity, tenant.customerTier(), decision, ticket.id()), now);
            }
            String fallback = mode == MigrationMode.TICKETS_FIRST
                    ? supportEmail(tenantId, user, category, body.page(), body.browser(), now).mailto() : null;
            return new RoutedView(id, "ticket", decision.rule(), decision.reason(), TicketView.of(ticket), List.of(),
                    fallback);
        });
    }

    /**
     * "The articles did not help": only the asker's own earlier help-center-first request of this tenant
     * that has no ticket yet turns into a ticket, and only while the desk takes tickets. Anything else
     * is refused before anything is written. The request stays locked until the ticket is attached.
     */
    private void requireOpenHelpCenterRequest(UUID tenantId, CurrentUser user, SupportRequestBody body,
                                              String category, MigrationMode mode, Instant now) {
        if (!mode.takesTickets()) {
            throw ApiProblem.conflict("tickets_not_offered",
                    "The desk answers by email only (migration mode email_only): send the support email instead")
                    .with("mailto", supportEmail(tenantId, user, category, body.page(), body.browser(), now).mailto());
        }
        SupportRequests.Stored stored = requests.lock(tenantId, body.requestId())
                .filter(r -> user.id().equals(r.userId()))
                .orElseThrow(() -> ApiProblem.notFound("support_request_not_found",
                        "No help-center answer " + body.requestId() + " of yours in this tenant"));
        if (!"help_center_first".equals(stored.channel())) {
            throw ApiProblem.conflict("support_request_not_help_center_first",
                    "Request " + body.requestId() + " was routed to " + stored.channel()
                            + ", not to the help center; only a help-center answer turns into a ticket");
        }
        if (stored.ticketId() != null) {
            throw ApiProblem.conflict("support_request_already_ticketed",
                    "Request " + body.requestId() + " already became a ticket").with("ticketId", stored.ticketId());
        }
    }
}
