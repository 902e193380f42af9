package com.penguinmails.hub.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;

/** Reading and saving one user's preferences in one tenant. */
@Service
class SettingPreferences {

    private final UserPreferences preferences;
    private final TenantTransactions transactions;
    private final Clock clock;

    SettingPreferences(UserPreferences preferences, TenantTransactions transactions, Clock clock) {
        this.preferences = preferences;
        this.transactions = transactions;
        this.clock = clock;
    }

    Preferences get(UUID tenantId, UUID userId) {
        return transactions.readInTenant(tenantId, () -> preferences.find(tenantId, userId))
                .orElseGet(() -> Preferences.defaults(tenantId, userId));
    }

    Preferences save(Preferences wanted) {
        Instant now = clock.instant();
        Preferences stamped = new Preferences(wanted.tenantId(), wanted.userId(), wanted.theme(), wanted.language(),
                wanted.timezone(), wanted.emailNotifications(), wanted.pushNotifications(), wanted.weeklyReports(),
                wanted.marketingEmails(), now, now);
        return transactions.inTenant(wanted.tenantId(), () -> preferences.upsert(stamped));
    }
}
