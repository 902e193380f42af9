package com.penguinmails.hub.webhook.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.web.PublicEndpoints;
import com.penguinmails.hub.platform.web.RequestBodyLimit;

/**
 * Where providers post their webhooks. The body is read as raw bytes: signatures are checked on
 * exactly what arrived. The answer (2xx) comes only after the events are committed.
 */
@RestController
@Tag(name = "Inbound webhooks", description = "Provider callbacks: verified, stored once, processed after the answer")
class InboundWebhookController {

    static final String PATH = "/api/webhooks/";

    private final IngestingWebhook ingesting;

    InboundWebhookController(IngestingWebhook ingesting) {
        this.ingesting = ingesting;
    }

    record Acknowledgement(String status, String eventId, List<String> eventIds, int stored, int duplicates,
                           int filtered) {
    }

    @PostMapping(PATH + "{provider}")
    @Operation(operationId = "receivePlatformWebhook", summary = "A webhook from the platform's own provider account")
    Acknowledgement platform(@PathVariable String provider, HttpServletRequest request) throws IOException {
        return receive(provider, Optional.empty(), request);
    }

    @PostMapping(PATH + "{provider}/{integrationId}")
    @Operation(operationId = "receiveTenantWebhook", summary = "A webhook from a tenant's own provider account (its integration knows the signing key)")
    Acknowledgement tenant(@PathVariable String provider, @PathVariable UUID integrationId, HttpServletRequest request)
            throws IOException {
        return receive(provider, Optional.of(integrationId), request);
    }

    private Acknowledgement receive(String provider, Optional<UUID> integrationId, HttpServletRequest request)
            throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        IngestingWebhook.Outcome outcome = ingesting.ingest(provider.toLowerCase(Locale.ROOT), integrationId,
                new com.penguinmails.hub.webhook.InboundRequest(body, headers), request.getHeader(HttpHeaders.USER_AGENT),
                request.getRemoteAddr());
        return new Acknowledgement(outcome.status(), outcome.eventIds().size() == 1 ? outcome.eventIds().get(0) : null,
                outcome.eventIds(), outcome.stored(), outcome.duplicates(), outcome.filtered());
    }

    @Configuration(proxyBeanMethods = false)
    static class Endpoints {

        @Bean
        PublicEndpoints inboundWebhookEndpoints() {
            return PublicEndpoints.of(PATH + "**");
        }

        @Bean
        RequestBodyLimit inboundWebhookBodyLimit(WebhookProperties properties) {
            return new RequestBodyLimit(PATH, properties.inbound().maxBytes());
        }
    }
}
