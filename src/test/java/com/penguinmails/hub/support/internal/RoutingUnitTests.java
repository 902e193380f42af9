package com.penguinmails.hub.support.internal;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingUnitTests {

    private static SupportProperties properties(List<SupportProperties.RoutingRule> rules) {
        return new SupportProperties("support@penguinmails.com", "team@penguinmails.com", "support.penguinmails.com",
                URI.create("http://localhost"), "1", "parallel", null, rules, null, null, null, null, null);
    }

    private final Routing defaults = new Routing(properties(null));

    private Routing.Decision decide(String tier, String category, String complexity, MigrationMode mode) {
        return defaults.decide(new Routing.Request(tier, category, complexity), mode);
    }

    @Test
    void theGuidesRulesInOrder() {
        assertThat(decide("enterprise", "general", "low", MigrationMode.PARALLEL))
                .isEqualTo(new Routing.Decision("ticket", "enterprise_customer", "Enterprise customers get a ticket"));
        assertThat(decide("standard", "technical", "high", MigrationMode.PARALLEL).rule()).isEqualTo("complex_technical_issue");
        assertThat(decide("standard", "general", "low", MigrationMode.PARALLEL))
                .extracting(Routing.Decision::channel, Routing.Decision::rule)
                .containsExactly("help_center_first", "simple_inquiry");
        assertThat(decide("standard", "technical", "low", MigrationMode.PARALLEL))
                .extracting(Routing.Decision::channel, Routing.Decision::rule).containsExactly("ticket", "default_routing");
        assertThat(decide(null, null, null, MigrationMode.TICKETS_ONLY).rule()).isEqualTo("default_routing");
    }

    @Test
    void theMigrationModeHasTheLastWord() {
        assertThat(decide("enterprise", "technical", "high", MigrationMode.EMAIL_ONLY))
                .extracting(Routing.Decision::channel, Routing.Decision::rule).containsExactly("email", "migration_email_only");
        Routing emailRule = new Routing(properties(List.of(
                new SupportProperties.RoutingRule("billing_by_email", null, "billing", null, "email", "Billing by email"))));
        assertThat(emailRule.decide(new Routing.Request(null, "billing", null), MigrationMode.PARALLEL).channel())
                .isEqualTo("email");
        assertThat(emailRule.decide(new Routing.Request(null, "billing", null), MigrationMode.TICKETS_FIRST).channel())
                .isEqualTo("ticket");
        assertThat(emailRule.decide(new Routing.Request(null, "general", null), MigrationMode.PARALLEL).rule())
                .isEqualTo("no_rule_matched");
    }

    @Test
    void aRuleNeedsAKnownChannel() {
        assertThatThrownBy(() -> properties(List.of(new SupportProperties.RoutingRule("x", null, null, null, "pigeon", "r"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
