package com.penguinmails.hub.oauth.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.oauth.OAuthConnections;
import com.penguinmails.hub.platform.PlatformProperties;
import com.penguinmails.hub.platform.auth.RequiredScope;
import com.penguinmails.hub.platform.auth.Scope;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantAccess;

/** The tenant's OAuth connections: connect, list, disconnect, import contacts, read the contact list. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/oauth")
@Tag(name = "OAuth connections", description = "Google, Microsoft, HubSpot and other OAuth 2.0 accounts")
class OAuthController {

    static final String BINDING_COOKIE = "pm_oauth_binding";

    private final ConnectingAccounts connecting;
    private final Disconnecting disconnecting;
    private final ImportingContacts importing;
    private final Connections connections;
    private final ContactImports imports;
    private final Contacts contacts;
    private final TenantTransactions transactions;
    private final boolean secureCookie;

    OAuthController(ConnectingAccounts connecting, Disconnecting disconnecting, ImportingContacts importing,
                    Connections connections, ContactImports imports, Contacts contacts,
                    TenantTransactions transactions, PlatformProperties platform) {
        this.connecting = connecting;
        this.disconnecting = disconnecting;
        this.importing = importing;
        this.connections = connections;
        this.imports = imports;
        this.contacts = contacts;
        this.transactions = transactions;
        this.secureCookie = "https".equals(platform.publicBaseUrl().getScheme());
    }

    record AuthorizeRequest(UUID integrationId) {
    }

    record Authorization(URI authorizationUrl, Instant expiresAt) {
    }

    record ConnectionView(UUID id, UUID integrationId, String provider, String accountEmail, List<String> scopes,
                          String status, Instant accessExpiresAt, Instant connectedAt, Instant lastRefreshedAt,
                          int refreshFailures, String lastError) {
    }

    record ImportRequest(@Pattern(regexp = "full|incremental", message = "must be full or incremental") String mode) {
    }

    record ImportView(UUID id, UUID connectionId, String state, String mode, int pages, int imported,
                      Instant requestedAt, Instant startedAt, Instant finishedAt, String error) {
    }

    record ContactView(UUID id, String email, String name, String sourceProvider, UUID connectionId,
                       Instant createdAt, Instant updatedAt) {
    }

    record ContactPage(List<ContactView> contacts, String nextCursor) {
    }

    /**
     * Session users only (no scope: API keys are refused): the state is bound to the signed-in user and,
     * through an HttpOnly cookie, to their browser.
     */
    @PostMapping("/{provider}/authorize")
    @Operation(operationId = "startOAuthAuthorization", summary = "Start connecting an account: answers the provider's authorisation URL to send the user to")
    ResponseEntity<Authorization> authorize(@PathVariable UUID tenantId,
                                            @PathVariable @Pattern(regexp = "[a-z][a-z0-9-]{1,49}") String provider,
                                            @RequestBody(required = false) AuthorizeRequest body,
                                            @CookieValue(name = BINDING_COOKIE, required = false) String binding) {
        TenantAccess access = TenantAccess.require().requireWrite();
        UUID userId = access.userId() != null ? access.userId() : CurrentUser.require().id();
        ConnectingAccounts.Started started = connecting.start(tenantId, userId, provider,
                body == null ? null : body.integrationId(), binding);
        ResponseCookie cookie = ResponseCookie.from(BINDING_COOKIE, started.browserBinding()).httpOnly(true)
                .secure(secureCookie).sameSite("Lax").path("/").maxAge(Duration.ofDays(1)).build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new Authorization(started.authorizationUrl(), started.expiresAt()));
    }

    @GetMapping("/connections")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "listOAuthConnections", summary = "The tenant's connected accounts (never their tokens)")
    List<ConnectionView> list(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> connections.list(tenantId)).stream()
                .map(OAuthController::view).toList();
    }

    @GetMapping("/connections/{connectionId}")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "getOAuthConnection", summary = "One connected account")
    ConnectionView get(@PathVariable UUID tenantId, @PathVariable UUID connectionId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> connections.find(tenantId, connectionId))
                .map(OAuthController::view)
                .orElseThrow(() -> ApiProblem.notFound("connection_not_found", "No such OAuth connection"));
    }

    @DeleteMapping("/connections/{connectionId}")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    @Operation(operationId = "deleteOAuthConnection", summary = "Disconnect: revoke at the provider where possible, erase the tokens")
    Disconnecting.Result disconnect(@PathVariable UUID tenantId, @PathVariable UUID connectionId) {
        TenantAccess.require().requireWrite();
        return disconnecting.disconnect(tenantId, connectionId);
    }

    @PostMapping("/connections/{connectionId}/contact-imports")
    @RequiredScope(Scope.INTEGRATIONS_WRITE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "startContactImport", summary = "Import the account's contacts into the tenant's contact list, in the background")
    ImportView startImport(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
                           @RequestBody(required = false) @jakarta.validation.Valid ImportRequest body) {
        TenantAccess.require().requireWrite();
        String mode = body == null || body.mode() == null ? "incremental" : body.mode();
        transactions.readInTenant(tenantId, () -> connections.find(tenantId, connectionId))
                .orElseThrow(() -> ApiProblem.notFound("connection_not_found", "No such OAuth connection"));
        return view(importing.request(tenantId, connectionId, mode));
    }

    @GetMapping("/contact-imports/{importId}")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "getContactImport", summary = "An import's progress")
    ImportView getImport(@PathVariable UUID tenantId, @PathVariable UUID importId) {
        TenantAccess.require();
        return transactions.readInTenant(tenantId, () -> imports.find(tenantId, importId)).map(OAuthController::view)
                .orElseThrow(() -> ApiProblem.notFound("import_not_found", "No such contact import"));
    }

    @GetMapping("/contacts")
    @RequiredScope(Scope.INTEGRATIONS_READ)
    @Operation(operationId = "listContacts", summary = "The tenant's contact list, by email address, with cursor pagination")
    ContactPage contacts(@PathVariable UUID tenantId,
                         @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_=-]{1,700}") String cursor,
                         @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        TenantAccess.require();
        String after = null;
        if (cursor != null) {
            try {
                after = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("invalid_cursor", "The cursor is not one this API gave out");
            }
        }
        String from = after;
        List<Contacts.Contact> rows = transactions.readInTenant(tenantId, () -> contacts.page(tenantId, from, limit + 1));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    rows.get(limit - 1).emailKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new ContactPage(rows.stream().map(c -> new ContactView(c.id(), c.email(), c.name(), c.sourceProvider(),
                c.connectionId(), c.createdAt(), c.updatedAt())).toList(), next);
    }

    static ConnectionView view(Connections.Connection c) {
        return new ConnectionView(c.id(), c.integrationId(), c.provider(), c.accountEmail(), c.scopes(), c.status(),
                c.accessExpiresAt(), c.connectedAt(), c.lastRefreshedAt(), c.refreshFailures(), c.lastError());
    }

    static ImportView view(ContactImports.Import i) {
        return new ImportView(i.id(), i.connectionId(), i.state(), i.mode(), i.pages(), i.imported(), i.requestedAt(),
                i.startedAt(), i.finishedAt(), i.error());
    }
}
