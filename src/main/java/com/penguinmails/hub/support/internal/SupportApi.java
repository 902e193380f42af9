package com.penguinmails.hub.support.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    record TicketPage(List<TicketView> tickets, Instant nextBefore) {
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
