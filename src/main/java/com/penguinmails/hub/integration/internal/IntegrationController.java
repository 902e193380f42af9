package com.penguinmails.hub.integration.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.StatusChanger;
import com.penguinmails.hub.integration.internal.IntegrationApi.CredentialView;
import com.penguinmails.hub.integration.internal.IntegrationApi.IntegrationRequest;
import com.penguinmails.hub.integration.internal.IntegrationApi.IntegrationView;
import com.penguinmails.hub.integration.internal.IntegrationApi.StatusRequest;
import com.penguinmails.hub.integration.internal.IntegrationApi.TransitionView;
import com.penguinmails.hub.integration.internal.IntegrationApi.WebhookView;
import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.security.IdempotentCreates;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.tenancy.TenantRole;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/integrations")
@Tag(name = "Integrations", description = "The tenant's integration registry")
class IntegrationController {

    private final ConfiguringIntegrations configuring;
    private final ChangingStatus changingStatus;
    private final Integrations integrations;
    private final IntegrationSecrets secrets;
    private final TenantTransactions transactions;
    private final IdempotentCreates idempotent;

    IntegrationController(ConfiguringIntegrations configuring, ChangingStatus changingStatus, Integrations integrations,
                          IntegrationSecrets secrets, TenantTransactions transactions,
                          IdempotentCreates idempotent) {
        this.configuring = configuring;
        this.changingStatus = changingStatus;
        this.integrations = integrations;
        this.secrets = secrets;
        this.transactions = transactions;
        this.idempotent = idempotent;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "mailgun", summary = "Mailgun (US region), with the rate limits Mailgun needs",
                    value = """
                        {
                          "name": "Mailgun US",
                          "category": "email_service",
                          "provider": "mailgun",
                          "configuration": {
                            "apiKey": "key3ax6xnjp29jd6fds4gc373sgvjxteol0",
                            "domain": "mg.example.com",
                            "webhookSigningKey": "whsk3ax6xnjp29jd6fds4gc3",
                            "region": "US"
                          },
                          "rateLimits": {
                            "requestsPerMinute": 300,
                            "requestsPerHour": 10000,
                            "strategy": "token-bucket"
                          }
                        }"""),
            @ExampleObject(name = "sendgrid", summary = "SendGrid, with the Signed Event Webhook public key",
                    value = """
                        {
                          "name": "SendGrid",
                          "category": "email_service",
                          "provider": "sendgrid",
                          "configuration": {
                            "apiKey": "SG.abcdefghijkl.mnopqrstuvwxyz0123",
                            "eventWebhookPublicKey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==",
                            "ipPool": "marketing"
                          }
                        }"""),
            @ExampleObject(name = "stripe", summary = "Stripe, test mode, with one webhook secret",
                    value = """
                        {
                          "name": "Stripe",
                          "category": "payment_processor",
                          "provider": "stripe",
                          "configuration": {
                            "publishableKey": "pk_test_abcdefghij",
                            "secretKey": "sk_test_abcdefghij0123",
                            "webhookSecrets": [
                              "whsec_abcdefghij0123"
                            ],
                            "applicationFeePercent": 2.5
                          }
                        }"""),
            @ExampleObject(name = "posthog", summary = "PostHog, with a personal key for the private API",
                    value = """
                        {
                          "name": "PostHog",
                          "category": "analytics",
                          "provider": "posthog",
                          "configuration": {
                            "projectApiKey": "phc_abcdefghijkl",
                            "personalApiKey": "phx_abcdefghijkl0123",
                            "projectId": "12345"
                          }
                        }""")}))
    @Operation(operationId = "createIntegration", summary = "Register an integration; secret configuration fields are write-only")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    ResponseEntity<IntegrationView> register(@PathVariable UUID tenantId, @Valid @RequestBody IntegrationRequest body,
                                             @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Size(max = 200)
                                             @Pattern(regexp = IdempotentCreates.KEY_PATTERN) String key) {
        TenantAccess.require().requireWrite();
        return idempotent.once(tenantId, "createIntegration", key, body, IntegrationView.class, () -> {
            Integration created = configuring.register(tenantId, body);
            return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/integrations/" + created.id()))
                    .body(view(created));
        });
    }

    @GetMapping
    @Operation(operationId = "listIntegrations", summary = "The tenant's integrations, optionally filtered")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    List<IntegrationView> list(@PathVariable UUID tenantId,
            @RequestParam(required = false) @Pattern(regexp = IntegrationApi.CATEGORIES) String category,
            @RequestParam(required = false) @Pattern(regexp = "[a-z0-9_-]{1,50}") String provider,
            @RequestParam(required = false) @Pattern(regexp = "active|inactive|error|maintenance|deprecated") String status) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> integrations.list(tenantId, category, provider, status)
                .stream().map(this::view).toList());
    }

    @GetMapping("/{integrationId}")
    @Operation(operationId = "getIntegration", summary = "One integration, with hints of its credentials")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    IntegrationView get(@PathVariable UUID tenantId, @PathVariable UUID integrationId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> integrations.find(tenantId, integrationId)
                .map(this::view).orElseThrow(ConfiguringIntegrations::notFound));
    }

    @PutMapping("/{integrationId}")
    @Operation(operationId = "updateIntegration", summary = "Replace an integration's settings; secrets left out keep their stored value")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    IntegrationView reconfigure(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
                                @Valid @RequestBody IntegrationRequest body) {
        TenantAccess.require().requireWrite();
        return view(configuring.reconfigure(tenantId, integrationId, body));
    }

    @DeleteMapping("/{integrationId}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteIntegration", summary = "Remove an integration and erase its credentials (owners and admins)")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    ResponseEntity<Void> remove(@PathVariable UUID tenantId, @PathVariable UUID integrationId) {
        TenantAccess.require().requireAdmin();
        configuring.remove(tenantId, integrationId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{integrationId}/status")
    @Operation(operationId = "changeIntegrationStatus", summary = "Move the integration along its lifecycle (see the transition table)")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    IntegrationView changeStatus(@PathVariable UUID tenantId, @PathVariable UUID integrationId,
                                 @Valid @RequestBody StatusRequest body) {
        TenantAccess access = TenantAccess.require().requireWrite();
        StatusChanger changer = access.role().map(TenantRole::canAdminister).orElse(false)
                ? StatusChanger.ADMIN : StatusChanger.MEMBER;
        changingStatus.change(tenantId, integrationId, IntegrationStatus.of(body.status()), changer, body.reason());
        return get(tenantId, integrationId);
    }

    @GetMapping("/status-transitions")
    @Operation(operationId = "listIntegrationStatusTransitions", summary = "The lifecycle table: for each status, where an admin may move it")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    List<TransitionView> transitions(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return Arrays.stream(IntegrationStatus.values())
                .map(from -> new TransitionView(from.value(), Arrays.stream(IntegrationStatus.values())
                        .filter(to -> StatusTransitions.refusal(from, to, StatusChanger.ADMIN).isEmpty())
                        .map(IntegrationStatus::value).toList()))
                .toList();
    }

    private IntegrationView view(Integration i) {
        Map<String, CredentialView> credentials = new LinkedHashMap<>();
        Map<String, String> webhookHints = new LinkedHashMap<>();
        List<IntegrationSecrets.Hint> hints = transactions.readInTenant(i.tenantId(), () -> secrets.hints(i.tenantId(), i.id()));
        for (IntegrationSecrets.Hint hint : hints) {
            if (hint.field().startsWith("webhooks.")) {
                webhookHints.put(hint.field(), hint.hint());
            } else {
                credentials.put(hint.field(), new CredentialView(hint.hint(), hint.updatedAt()));
            }
        }
        List<WebhookView> webhooks = i.webhooks().stream().map(w -> new WebhookView(w.id(), w.url(), w.events(),
                w.headers(), w.retryPolicy(), w.rateLimit(), w.filters(),
                webhookHints.get(ConfiguringIntegrations.webhookSecretField(w.id())))).toList();
        return new IntegrationView(i.id(), i.name(), i.category().value(), i.provider(), i.status().value(),
                i.statusReason(), i.statusChangedAt(), i.authentication().value(), i.configuration(), credentials,
                i.endpoints(), webhooks, i.rateLimits(), i.errorHandling(), i.monitoring(), i.caching(), i.version(),
                i.createdAt(), i.updatedAt());
    }
}
