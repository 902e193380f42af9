package com.penguinmails.hub.integration.internal;

import java.util.Optional;

import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.integration.StatusChanger;

import static com.penguinmails.hub.integration.IntegrationStatus.ACTIVE;
import static com.penguinmails.hub.integration.IntegrationStatus.DEPRECATED;
import static com.penguinmails.hub.integration.IntegrationStatus.ERROR;

/**
 * The status lifecycle (table in the README): {@code deprecated} is final; only the system puts an
 * integration in {@code error}; from {@code error} back to {@code active} only a successful health
 * check or an admin; deprecating takes an admin. Returns why a change is refused, or nothing.
 */
final class StatusTransitions {

    private StatusTransitions() {
    }

    static Optional<String> refusal(IntegrationStatus from, IntegrationStatus to, StatusChanger by) {
        if (from == to) {
            return Optional.of("the integration is already " + to.value());
        }
        if (from == DEPRECATED) {
            return Optional.of("deprecated is final");
        }
        if (to == ERROR) {
            return by == StatusChanger.SYSTEM ? Optional.empty()
                    : Optional.of("only the hub itself sets error, after a failure");
        }
        if (by == StatusChanger.SYSTEM) {
            return Optional.of("the hub only moves integrations into error");
        }
        if (from == ERROR && to == ACTIVE) {
            return by == StatusChanger.HEALTH_CHECK || by == StatusChanger.ADMIN ? Optional.empty()
                    : Optional.of("error returns to active only through a successful health check or an admin");
        }
        if (by == StatusChanger.HEALTH_CHECK) {
            return Optional.of("a health check only takes an integration out of error");
        }
        if (to == DEPRECATED && by != StatusChanger.ADMIN) {
            return Optional.of("only an owner or admin may deprecate an integration");
        }
        return Optional.empty();
    }
}
