package com.penguinmails.hub.support.internal;

import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * The guide's dual system as an ordered rule list ({@code hub.support.routing}): the first rule whose
 * conditions all equal the request's decides the channel, then the migration mode has the last word
 * (email only: everything by email; tickets first or only: no request goes to email). The decision
 * names the rule and its reason; both are stored with the request.
 */
@Component
class Routing {

    record Request(String customerTier, String category, String complexity) {
    }

    record Decision(String channel, String rule, String reason) {
    }

    private final List<SupportProperties.RoutingRule> rules;

    Routing(SupportProperties properties) {
        this.rules = properties.routing();
    }

    List<SupportProperties.RoutingRule> rules() {
        return rules;
    }

    Decision decide(Request request, MigrationMode mode) {
        if (mode == MigrationMode.EMAIL_ONLY) {
            return new Decision("email", "migration_email_only", "The desk runs on email only (migration mode)");
        }
        for (SupportProperties.RoutingRule rule : rules) {
            if (matches(rule.customerTier(), request.customerTier()) && matches(rule.category(), request.category())
                    && matches(rule.complexity(), request.complexity())) {
                if ("email".equals(rule.channel()) && mode != MigrationMode.PARALLEL) {
                    return new Decision("ticket", rule.name(), rule.reason()
                            + " (email replaced by a ticket: migration mode " + mode.value() + ")");
                }
                return new Decision(rule.channel(), rule.name(), rule.reason());
            }
        }
        return new Decision("ticket", "no_rule_matched", "No routing rule matched: tickets by default");
    }

    private static boolean matches(String condition, String value) {
        return condition == null || condition.isBlank() || Objects.equals(condition, value);
    }
}
