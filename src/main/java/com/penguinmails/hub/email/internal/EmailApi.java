package com.penguinmails.hub.email.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** JSON shapes of the email API. */
final class EmailApi {

    private EmailApi() {
    }

    /** {@code ada@example.com} or {@code Ada Lovelace <ada@example.com>}. */
    static final String MAILBOX = "^([^<>\\r\\n]{0,200}<[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+>|[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+)$";
    static final String HEADER_NAME = "[A-Za-z0-9-]{1,100}";

    record SendRequest(
            @NotBlank @Size(max = 320) @Pattern(regexp = MAILBOX, message = "must be an address or Name <address>") String from,
            @NotEmpty @Size(max = 50) List<@NotBlank @Email @Size(max = 320) String> to,
            @Size(max = 50) List<@NotBlank @Email @Size(max = 320) String> cc,
            @Size(max = 50) List<@NotBlank @Email @Size(max = 320) String> bcc,
            @Email @Size(max = 320) String replyTo,
            @Size(max = 998) String subject,
            @Size(max = 2_000_000) String html,
            @Size(max = 2_000_000) String text,
            @Size(max = 200) String templateId,
            @Size(max = 200) Map<String, Object> templateData,
            @Size(max = 200) String campaignId,
            @Size(max = 200) String recipientId,
            @Size(max = 10) List<@NotBlank @Size(max = 128) String> tags,
            @Size(max = 30) Map<@Pattern(regexp = HEADER_NAME) String, @Size(max = 998) String> headers,
            @Size(max = 50) Map<@Pattern(regexp = "[A-Za-z0-9_-]{1,100}") String, @Size(max = 1000) String> variables,
            UUID integrationId,
            UUID connectionId) {
    }

    record BatchRecipient(
            @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 200) String recipientId,
            @Size(max = 50) Map<@Pattern(regexp = "[A-Za-z0-9_-]{1,100}") String, @Size(max = 1000) String> variables,
            @Size(max = 200) Map<String, Object> templateData) {
    }

    record BatchRequest(
            @NotBlank @Size(max = 320) @Pattern(regexp = MAILBOX, message = "must be an address or Name <address>") String from,
            @Email @Size(max = 320) String replyTo,
            @Size(max = 998) String subject,
            @Size(max = 2_000_000) String html,
            @Size(max = 2_000_000) String text,
            @Size(max = 200) String templateId,
            @Size(max = 200) Map<String, Object> templateData,
            @Size(max = 200) String campaignId,
            @Size(max = 10) List<@NotBlank @Size(max = 128) String> tags,
            @Size(max = 30) Map<@Pattern(regexp = HEADER_NAME) String, @Size(max = 998) String> headers,
            UUID integrationId,
            UUID connectionId,
            @NotEmpty @Size(max = 1000) List<@Valid BatchRecipient> recipients) {
    }

    record RecipientView(String address, String kind, String status, String statusReason, Instant statusAt,
                         Instant openedAt, Instant clickedAt, Instant complainedAt, Instant unsubscribedAt) {
    }

    record EventView(UUID id, String recipient, String type, String bounceKind, String provider,
                     String providerEventId, Instant occurredAt, Instant recordedAt, Object details) {
    }

    @Schema(name = "EmailMessageView")
    record MessageView(UUID id, String status, Instant statusAt, String from, String subject, String campaignId, String recipientId,
                       List<String> tags, UUID integrationId, UUID connectionId, String provider, String providerMessageId,
                       boolean failoverUsed, int attempts, String lastError, Instant createdAt, Instant sentAt,
                       List<RecipientView> recipients, List<EventView> events) {
    }

    record BatchView(List<MessageView> messages, List<String> suppressed) {
    }

    record SuppressionRequest(@NotBlank @Email @Size(max = 320) String address, @Size(max = 500) String note) {
    }

    /**
     * A page of suppressed addresses in address order; {@code nextCursor} (null on the last page) asks for
     * the next one. The cursor is opaque: the previous page's last address.
     */
    record SuppressionPage(List<Suppressions.Entry> suppressions, String nextCursor) {

        /** Cuts a page from entries read with {@code limit + 1}: the extra one says there is a next page. */
        static SuppressionPage of(List<Suppressions.Entry> rows, int limit) {
            if (rows.size() <= limit) {
                return new SuppressionPage(rows, null);
            }
            List<Suppressions.Entry> page = rows.subList(0, limit);
            return new SuppressionPage(page, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    page.get(limit - 1).address().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        /** The address the next page starts after; null without a cursor. */
        static String after(String cursor) {
            if (cursor == null) {
                return null;
            }
            try {
                return new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw com.penguinmails.hub.platform.web.ApiProblem.badRequest("invalid_cursor",
                        "The cursor is not one this API gave out");
            }
        }
    }

    record SettingsRequest(@NotNull UUID defaultIntegrationId, UUID failoverIntegrationId) {
    }

    @Schema(name = "EmailSettingsView")
    record SettingsView(UUID defaultIntegrationId, UUID failoverIntegrationId, Instant updatedAt) {
    }

    record MetricsView(String campaignId, long sent, long delivered, long bounced, long deferred, long dropped,
                       long failed, long complained, long unsubscribed, long opens, long uniqueOpens, long clicks,
                       long uniqueClicks, long suppressed, Map<String, Double> rates, Instant updatedAt) {
    }
}
