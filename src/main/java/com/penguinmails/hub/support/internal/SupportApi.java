package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** JSON shapes of the support API. */
final class SupportApi {

    static final String PRIORITY = "low|normal|high|urgent";
    static final String CATEGORY = "[a-z][a-z0-9_]{0,63}";
    static final String COMPLEXITY = "low|medium|high";
    static final String STATUS = "new|open|pending|on_hold|solved|closed";
    static final String TAG = "[A-Za-z0-9_.:-]{1,64}";

    private SupportApi() {
    }

    record HelpView(List<SupportProperties.HelpLink> links, String migrationMode, boolean emailOffered,
                    boolean ticketsOffered) {
    }

    record ButtonRequest(@Size(max = 100) String issueType, @Size(max = 2000) String page,
                         @Size(max = 1000) String browser, @Size(max = 64) @Pattern(regexp = "[a-z_]{1,64}") String source) {
    }

    record ButtonView(String migrationMode, String primary, boolean ticketForm, String to, String subject, String body,
                      String mailto) {
    }

    record SupportRequestBody(@NotBlank @Size(max = 998) String subject, @NotBlank @Size(max = 100_000) String description,
                              @Pattern(regexp = PRIORITY) String priority, @Pattern(regexp = CATEGORY) String category,
                              @Pattern(regexp = COMPLEXITY) String complexity, @Size(max = 2000) String page,
                              @Size(max = 1000) String browser, Boolean mailtoAttempted, UUID requestId,
                              @Size(max = 64) @Pattern(regexp = "[a-z_]{1,64}") String source) {
    }

    record RoutedView(UUID requestId, String channel, String rule, String reason, TicketView ticket,
                      List<ArticleHit> suggestions, String mailto) {
    }

    record ReplyBody(@NotBlank @Size(max = 100_000) String body) {
    }

    record AgentMessageBody(@NotBlank @Size(max = 100_000) String body,
                            @Pattern(regexp = "public|internal") String visibility,
                            @Min(0) @Max(86_400) Integer timeSpentSeconds,
                            @Pattern(regexp = STATUS) String status) {
    }

    record NewTicketBody(@NotBlank @Size(max = 998) String subject, @NotBlank @Size(max = 100_000) String description,
                         @NotBlank @Email @Size(max = 320) String customerEmail, @Size(max = 200) String customerName,
                         UUID tenantId, UUID userId, @Pattern(regexp = PRIORITY) String priority,
                         @Pattern(regexp = CATEGORY) String category, @Pattern(regexp = "web|email|api") String channel,
                         @Size(max = 20) List<@Pattern(regexp = TAG) String> tags) {
    }

    record TicketChangeBody(@Pattern(regexp = STATUS) String status, @Pattern(regexp = PRIORITY) String priority,
                            @Pattern(regexp = CATEGORY) String category, UUID assigneeId, Boolean unassign,
                            @Size(max = 20) List<@Pattern(regexp = TAG) String> tags) {
    }

    record TicketView(UUID id, String number, UUID tenantId, String subject, String description, String customerEmail,
                      String customerName, UUID userId, String priority, String category, String channel, String status,
                      UUID assigneeId, List<String> tags, Map<String, Object> metadata, String routingRule,
                      String routingReason, Instant createdAt, Instant updatedAt, Instant firstRespondedAt,
                      Instant solvedAt, Instant closedAt, Instant firstResponseDueAt, Instant resolutionDueAt,
                      boolean slaPaused) {

        static TicketView of(Ticket t) {
            return new TicketView(t.id(), t.reference(), t.hasCustomerTenant() ? t.tenantId() : null, t.subject(),
                    t.description(), t.customerEmail(), t.customerName(), t.userId(), t.priority(), t.category(),
                    t.channel(), t.status(), t.assigneeId(), t.tags(), t.metadata(), t.routingRule(), t.routingReason(),
                    t.createdAt(), t.updatedAt(), t.firstRespondedAt(), t.solvedAt(), t.closedAt(),
                    t.firstResponseDueAt(), t.resolutionDueAt(), t.pausedSince() != null);
        }
    }

    @Schema(name = "TicketMessageView")
    record MessageView(UUID id, String authorType, String authorEmail, String authorName, String visibility,
                       String messageType, String channel, String body, Map<String, Object> metadata,
                       Integer timeSpentSeconds, Instant createdAt) {

        static MessageView of(TicketMessage m, boolean forAgent) {
            return new MessageView(m.id(), m.authorType(), m.authorEmail(), m.authorName(), m.visibility(),
                    m.messageType(), m.channel(), m.body(), forAgent ? m.metadata() : Map.of(),
                    forAgent ? m.timeSpentSeconds() : null, m.createdAt());
        }
    }

    record ThreadView(TicketView ticket, List<MessageView> messages, List<SlaEvents.SlaEvent> slaEvents,
                      Integer satisfaction) {
    }

    /** A page of tickets, newest first; {@code nextCursor} (null on the last page) asks for the next one. */
    record TicketPage(List<TicketView> tickets, String nextCursor) {

        /** Cuts a page from tickets read with {@code limit + 1}: the extra one says there is a next page. */
        static TicketPage of(List<TicketView> rows, int limit) {
            if (rows.size() <= limit) {
                return new TicketPage(rows, null);
            }
            List<TicketView> page = rows.subList(0, limit);
            return new TicketPage(page, TicketCursor.encode(page.get(limit - 1).createdAt()));
        }
    }

    /** The opaque cursor of the ticket lists: the creation time of the previous page's last ticket. */
    static final class TicketCursor {

        private TicketCursor() {
        }

        static String encode(Instant createdAt) {
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(createdAt.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The creation time tickets of the next page are older than; null without a cursor. */
        static Instant parse(String cursor) {
            if (cursor == null) {
                return null;
            }
            try {
                return Instant.parse(new String(java.util.Base64.getUrlDecoder().decode(cursor),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw com.penguinmails.hub.platform.web.ApiProblem.badRequest("invalid_cursor",
                        "The cursor is not one this API gave out");
            }
        }
    }

    record ArticleBody(@NotBlank @Size(max = 300) String title,
                       @NotBlank @Size(max = 200) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*") String slug,
                       @NotBlank @Size(max = 200_000) String body, @NotBlank @Pattern(regexp = CATEGORY) String category,
                       Boolean published) {
    }

    record ArticleView(UUID id, String slug, String title, String body, String category, boolean published,
                       Instant createdAt, Instant updatedAt) {

        static ArticleView of(KnowledgeBase.Article a) {
            return new ArticleView(a.id(), a.slug(), a.title(), a.body(), a.category(), a.published(), a.createdAt(),
                    a.updatedAt());
        }
    }

    record ArticleHit(UUID id, String slug, String title, String category, String url, String snippet, double score) {
    }

    /** Fields left out stay as they are; {@code unsetDeskTenant} clears the desk tenant. */
    record SettingsBody(@Pattern(regexp = "email_only|parallel|tickets_first|tickets_only") String migrationMode,
                        UUID deskTenantId, Boolean unsetDeskTenant) {
    }

    @Schema(name = "DeskSettingsView")
    record SettingsView(String migrationMode, UUID deskTenantId) {
    }

    record RatingBody(@NotBlank @Size(max = 500) String token, @Min(1) @Max(5) int rating,
                      @Size(max = 5000) String comment) {
    }

    record RatingView(String number, String subject, Integer rating, String comment) {
    }

    record InboundOutcome(String action, String matchedBy, String ticketNumber) {
    }
}
