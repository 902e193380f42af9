package com.penguinmails.hub.oauth.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

import com.penguinmails.hub.oauth.OAuthTokenUnavailable;
import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Contact imports: requested through the API (one running per connection), run in the background by
 * whichever node leases them ({@code claim_contact_imports}, {@code FOR UPDATE SKIP LOCKED}). Each
 * page is stored in its own transaction and extends the lease; contacts are upserted by lower-cased
 * email, so a run resumed after a crash repeats pages harmlessly. An incremental run starts from the
 * marker the last complete run left on the connection.
 */
@Service
class ImportingContacts {

    private static final Logger log = LoggerFactory.getLogger(ImportingContacts.class);
    private static final int BATCH = 10;

    private final ContactImports imports;
    private final Contacts contacts;
    private final Connections connections;
    private final ContactSources sources;
    private final ProviderApis apis;
    private final TenantTransactions transactions;
    private final TaskScheduler scheduler;
    private final OAuthProperties properties;
    private final Clock clock;
    private final AtomicBoolean passRunning = new AtomicBoolean();

    ImportingContacts(ContactImports imports, Contacts contacts, Connections connections, ContactSources sources,
                      ProviderApis apis, TenantTransactions transactions, TaskScheduler scheduler,
                      OAuthProperties properties, Clock clock) {
        this.imports = imports;
        this.contacts = contacts;
        this.connections = connections;
        this.sources = sources;
        this.apis = apis;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.scheduleWithFixedDelay(this::runSafely, clock.instant().plus(properties.importPollInterval()),
                properties.importPollInterval());
    }

    /** Queues an import of the connection's contacts ({@code full} or {@code incremental}) and starts it. */
    ContactImports.Import request(UUID tenantId, UUID connectionId, String mode) {
        ProviderApis.Account account = apis.account(tenantId, connectionId);
        if (!"active".equals(account.connection().status())) {
            throw ApiProblem.conflict("connection_not_active", "The connection is " + account.connection().status());
        }
        if (!sources.supports(account)) {
            throw ApiProblem.conflict("contacts_not_supported", "Connections of " + account.connection().provider()
                    + " have no contacts to import");
        }
        UUID id = UUID.randomUUID();
        ContactImports.Import queued = transactions.inTenant(tenantId, () -> {
            imports.active(tenantId, connectionId).ifPresent(running -> {
                throw ApiProblem.conflict("import_running", "An import of this connection is already running")
                        .with("importId", running);
            });
            imports.insert(tenantId, id, connectionId, mode, clock.instant());
            return imports.find(tenantId, id).orElseThrow();
        });
        scheduler.schedule(this::runSafely, clock.instant());
        return queued;
    }

    private void runSafely() {
        if (!passRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            while (runOnce() > 0) {
                // keep going while there is work
            }
        } catch (RuntimeException e) {
            log.error("Contact import pass failed; it will run again", e);
        } finally {
            passRunning.set(false);
        }
    }

    /** Leases and runs due imports; answers how many. */
    int runOnce() {
        var claimed = transactions.inCurrentScope(() -> imports.claim(clock.instant(),
                (int) properties.importLease().toSeconds(), BATCH));
        claimed.forEach(c -> run(c.tenantId(), c.id()));
        return claimed.size();
    }

    private void run(UUID tenantId, UUID importId) {
        ContactImports.Import job = transactions.readInTenant(tenantId, () -> imports.find(tenantId, importId)).orElseThrow();
        Instant startedAt = clock.instant();
        transactions.inTenant(tenantId, () -> imports.start(tenantId, importId, startedAt));
        try {
            ProviderApis.Account account = apis.account(tenantId, job.connectionId());
            String marker = "incremental".equals(job.mode())
                    ? transactions.readInTenant(tenantId, () -> connections.find(tenantId, job.connectionId()))
                    .map(Connections.Connection::contactsSyncMarker).orElse(null)
                    : null;
            String finalMarker;
            try {
                finalMarker = pages(account, importId, marker, startedAt);
            } catch (ContactSources.MarkerExpired expired) {
                log.info("Sync marker of connection {} expired; importing everything again", job.connectionId());
                finalMarker = pages(account, importId, null, startedAt);
            }
            String storedMarker = finalMarker;
            transactions.inTenant(tenantId, () -> {
                connections.syncMarker(tenantId, job.connectionId(), storedMarker);
                imports.finish(tenantId, importId, "done", null, clock.instant());
            });
        } catch (OAuthTokenUnavailable e) {
            finish(tenantId, importId, e.reason() + ": " + e.getMessage());
        } catch (com.penguinmails.hub.gateway.ProviderCallFailed e) {
            finish(tenantId, importId, e.error().type().value() + ": " + e.error().message());
        } catch (RuntimeException e) {
            log.error("Contact import {} failed", importId, e);
            finish(tenantId, importId, e.getClass().getSimpleName());
        }
    }

    private String pages(ProviderApis.Account account, UUID importId, String marker, Instant startedAt) {
        UUID tenantId = account.connection().tenantId();
        String cursor = null;
        while (true) {
            ContactSources.Page page = sources.page(account, cursor, marker, properties.importPageSize(), startedAt);
            transactions.inTenant(tenantId, () -> {
                int stored = contacts.upsert(tenantId, account.connection().provider(), account.connection().id(),
                        page.contacts(), clock.instant());
                imports.progress(tenantId, importId, stored, clock.instant().plus(properties.importLease()));
            });
            if (page.nextCursor() == null) {
                return page.syncMarker();
            }
            cursor = page.nextCursor();
        }
    }

    private void finish(UUID tenantId, UUID importId, String error) {
        log.warn("Contact import {} of tenant {} failed: {}", importId, tenantId, error);
        transactions.inTenant(tenantId, () -> imports.finish(tenantId, importId, "failed", error, clock.instant()));
    }
}
