package com.penguinmails.hub.billing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.stripe.StripeAccount;

import static org.assertj.core.api.Assertions.assertThat;

/** What a sync keeps: the account object's state where nothing newer is stored, and Stripe's one-second times. */
class ConnectedAccountUnitTests {

    private static final Instant READ_AT = Instant.parse("2026-12-03T10:00:00.400Z");
    private static final StripeAccount READ = new StripeAccount("acct_1", "m@example.com", "US", false, true, true,
            true, List.of(), Map.of("card_payments", "active", "transfers", "active"));

    private static ConnectedAccount stored(Instant stateAt, Instant cardAt, Instant transfersAt) {
        Map<String, ConnectedAccount.CapabilityState> capabilities = new TreeMap<>();
        capabilities.put("card_payments", new ConnectedAccount.CapabilityState("inactive", cardAt));
        capabilities.put("transfers", new ConnectedAccount.CapabilityState("inactive", transfersAt));
        Instant created = Instant.parse("2026-12-01T00:00:00Z");
        return new ConnectedAccount(UUID.randomUUID(), "acct_1", "US", "m@example.com", false, false, false, false,
                List.of("external_account"), capabilities, stateAt, created, created);
    }

    @Test
    void aReadReplacesStateFromEarlierSeconds() {
        Instant earlier = READ_AT.minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ConnectedAccount before = stored(earlier, earlier, earlier);

        ConnectedAccount after = before.withStateRead(READ, READ_AT, READ_AT.plusMillis(300));

        assertThat(after.chargesEnabled()).isTrue();
        assertThat(after.payoutsEnabled()).isTrue();
        assertThat(after.requirementsDue()).isEmpty();
        assertThat(after.capabilityStatuses()).containsExactlyInAnyOrderEntriesOf(
                Map.of("card_payments", "active", "transfers", "active"));
        assertThat(after.stateAt()).isEqualTo(READ_AT);
        assertThat(after.updatedAt()).isEqualTo(READ_AT.plusMillis(300));
        assertThat(after.differsFrom(before)).isTrue();
    }

    @Test
    void anEventOfTheReadsSecondOrLaterKeepsItsPartAndTheRestIsReplaced() {
        Instant sameSecond = Instant.parse("2026-12-03T10:00:00Z");
        Instant later = Instant.parse("2026-12-03T10:00:05Z");
        Instant earlier = Instant.parse("2026-12-03T09:59:00Z");

        ConnectedAccount accountNewer = stored(sameSecond, earlier, later)
                .withStateRead(READ, READ_AT, READ_AT);
        assertThat(accountNewer.chargesEnabled()).as("account.updated of the read's second stays").isFalse();
        assertThat(accountNewer.requirementsDue()).containsExactly("external_account");
        assertThat(accountNewer.stateAt()).isEqualTo(sameSecond);
        assertThat(accountNewer.capabilityStatuses()).containsExactlyInAnyOrderEntriesOf(
                Map.of("card_payments", "active", "transfers", "inactive"));

        ConnectedAccount capabilityNewer = stored(earlier, earlier, later).withStateRead(READ, READ_AT, READ_AT);
        assertThat(capabilityNewer.chargesEnabled()).isTrue();
        assertThat(capabilityNewer.stateAt()).isEqualTo(READ_AT);
        assertThat(capabilityNewer.capabilities().get("transfers"))
                .isEqualTo(new ConnectedAccount.CapabilityState("inactive", later));
    }

    @Test
    void aReadOlderThanEverythingStoredChangesNothing() {
        Instant later = Instant.parse("2026-12-03T10:01:00Z");
        ConnectedAccount before = stored(later, later, later);
        assertThat(before.withStateRead(READ, READ_AT, READ_AT)).isSameAs(before);
    }

    @Test
    void anEventOfTheSameSecondAsAStateTheHubReadIsNotOlder() {
        Instant read = Instant.parse("2026-12-03T10:00:00.700Z");
        assertThat(ConnectedAccount.olderThan(Instant.parse("2026-12-03T10:00:00Z"), read)).isFalse();
        assertThat(ConnectedAccount.olderThan(Instant.parse("2026-12-03T09:59:59Z"), read)).isTrue();
        assertThat(ConnectedAccount.olderThan(Instant.parse("2026-12-03T10:00:01Z"), read)).isFalse();
    }
}
