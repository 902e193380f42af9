package com.penguinmails.hub.tenancy.internal;

import java.util.List;

import org.springframework.stereotype.Service;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.CurrentUser;

/**
 * The signed-in user with everything the app needs at start: memberships and roles per tenant,
 * preferences per tenant and whether they are PenguinMails staff (the guide's getUserWithProfile).
 */
@Service
class ReadingProfile {

    private final UserAccounts users;
    private final Memberships memberships;
    private final UserPreferences preferences;
    private final TenantTransactions transactions;

    ReadingProfile(UserAccounts users, Memberships memberships, UserPreferences preferences,
                   TenantTransactions transactions) {
        this.users = users;
        this.memberships = memberships;
        this.preferences = preferences;
        this.transactions = transactions;
    }

    record Profile(UserAccount user, List<Membership> memberships, List<Preferences> preferences,
                   boolean staff, String staffRole) {
    }

    Profile of(CurrentUser current) {
        return transactions.inCurrentScope(() -> {
            UserAccount user = users.byId(current.id())
                    .orElseThrow(() -> ApiProblem.unauthorized("unauthenticated", "Sign in first"));
            var staffRole = users.staffRole(current.id());
            return new Profile(user, memberships.ofUser(current.id()), preferences.ofUser(current.id()),
                    staffRole.isPresent(), staffRole.orElse(null));
        });
    }
}
