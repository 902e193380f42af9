package com.penguinmails.hub.support.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the support desk, bound from {@code hub.support.*}. The README's configuration table
 * has one row per setting.
 *
 * @param supportAddress   where the support button's email goes and where customers reply (Reply-To)
 * @param teamAddress      the support team's inbox for new-ticket and SLA notifications
 * @param messageIdDomain  the right-hand side of Message-IDs the desk generates
 * @param publicBaseUrl    the console's public address, for links in emails (satisfaction)
 * @param appVersion       the version the support email reports
 * @param migrationMode    the initial email-to-tickets migration mode (staff change it at run time)
 * @param helpLinks        the help center's links, in menu order
 * @param routing          the ordered routing rules; the first that matches decides
 * @param sla              targets per priority
 * @param knowledgeBase    suggestion settings
 * @param inbound          inbound email authentication
 * @param satisfaction     satisfaction link signing
 * @param cost             how support cost per ticket is counted
 */
@ConfigurationProperties("hub.support")
public record SupportProperties(
        @DefaultValue("support@penguinmails.com") String supportAddress,
        @DefaultValue("support-team@penguinmails.com") String teamAddress,
        @DefaultValue("support.penguinmails.com") String messageIdDomain,
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue("0.1.0") String appVersion,
        @DefaultValue("parallel") String migrationMode,
        List<HelpLink> helpLinks,
        List<RoutingRule> routing,
        @DefaultValue Sla sla,
        @DefaultValue KnowledgeBase knowledgeBase,
        @DefaultValue Inbound inbound,
        @DefaultValue Satisfaction satisfaction,
        @DefaultValue Cost cost) {

    public SupportProperties {
        if (helpLinks == null || helpLinks.isEmpty()) {
            helpLinks = List.of(
                    new HelpLink("Knowledge Base", URI.create("https://help.penguinmails.com/knowledge-base"), "self-service", "BookOpenIcon"),
                    new HelpLink("Support", URI.create("https://help.penguinmails.com/support"), "contact", "SupportIcon"),
                    new HelpLink("Video Tutorials", URI.create("https://help.penguinmails.com/video-tutorials"), "learning", "PlayIcon"),
                    new HelpLink("Glossary", URI.create("https://help.penguinmails.com/glossary"), "reference", "GlossaryIcon"),
                    new HelpLink("Our Services", URI.create("https://help.penguinmails.com/our-services"), "information", "ServiceIcon"));
        }
        if (routing == null || routing.isEmpty()) {
            routing = List.of(
                    new RoutingRule("enterprise_customer", "enterprise", null, null, "ticket", "Enterprise customers get a ticket"),
                    new RoutingRule("complex_technical_issue", null, "technical", "high", "ticket", "Complex technical issues need tracking"),
                    new RoutingRule("simple_inquiry", null, "general", "low", "help_center_first", "Simple questions are answered by the help center first"),
                    new RoutingRule("default_routing", null, null, null, "ticket", "Tickets by default, for tracking and analytics"));
        }
        MigrationMode.parse(migrationMode);
        routing.forEach(RoutingRule::validate);
    }

    /** One entry of the help menu. */
    public record HelpLink(String name, URI url, String category, String icon) {
    }

    /**
     * A routing rule: matches when every given condition equals the request's (null matches anything).
     *
     * @param channel {@code ticket}, {@code email} or {@code help_center_first}
     */
    public record RoutingRule(String name, String customerTier, String category, String complexity, String channel,
                              String reason) {

        void validate() {
            if (name == null || name.isBlank() || !List.of("ticket", "email", "help_center_first").contains(channel)) {
                throw new IllegalArgumentException("hub.support.routing: each rule needs a name and a channel of "
                        + "ticket, email or help_center_first: " + this);
            }
        }
    }

    /**
     * SLA targets per priority ({@code low}, {@code normal}, {@code high}, {@code urgent}).
     *
     * @param warningRatio  the share of a target after which a warning is raised
     * @param checkInterval how often the SLA job looks for due checks
     * @param lease         how long a node holds a claimed check
     */
    public record Sla(Map<String, Duration> firstResponse, Map<String, Duration> resolution,
                      @DefaultValue("0.8") double warningRatio, @DefaultValue("30s") Duration checkInterval,
                      @DefaultValue("60s") Duration lease, @DefaultValue("100") int batchSize) {

        public Sla {
            firstResponse = withDefaults(firstResponse, Map.of("low", Duration.ofHours(4), "normal", Duration.ofHours(4),
                    "high", Duration.ofHours(4), "urgent", Duration.ofHours(4)));
            resolution = withDefaults(resolution, Map.of("low", Duration.ofHours(120), "normal", Duration.ofHours(72),
                    "high", Duration.ofHours(48), "urgent", Duration.ofHours(24)));
            if (warningRatio <= 0 || warningRatio >= 1) {
                throw new IllegalArgumentException("hub.support.sla.warning-ratio must be between 0 and 1");
            }
        }

        private static Map<String, Duration> withDefaults(Map<String, Duration> given, Map<String, Duration> defaults) {
            Map<String, Duration> merged = new java.util.HashMap<>(defaults);
            if (given != null) {
                merged.putAll(given);
            }
            return Map.copyOf(merged);
        }
    }

    /**
     * @param suggestionThreshold the least relevance (0–1) an article needs to be suggested on a ticket
     * @param maxSuggestions      how many articles a ticket gets at most
     */
    public record KnowledgeBase(@DefaultValue("0.7") double suggestionThreshold, @DefaultValue("3") int maxSuggestions) {
    }

    /**
     * @param secret             the password of the raw-MIME and SendGrid endpoints (HTTP Basic); empty turns them off
     * @param mailgunSigningKey  the Mailgun webhook signing key of the account whose route posts here; empty means
     *                           the platform account's ({@code hub.webhook.platform-accounts.mailgun.webhookSigningKey})
     * @param replayWindow       how old a Mailgun signature timestamp may be
     * @param maxBytes           the largest email accepted
     * @param autoRepliesPerSenderPerHour automatic replies (ticket confirmations) one address gets in an hour at most
     */
    public record Inbound(String secret, String mailgunSigningKey, @DefaultValue("5m") Duration replayWindow,
                          @DefaultValue("10000000") int maxBytes, @DefaultValue("3") int autoRepliesPerSenderPerHour) {
    }

    /**
     * @param secret  the HMAC key of satisfaction links; empty means a random key per process (links then die on restart)
     * @param linkTtl how long a link stays valid
     */
    public record Satisfaction(String secret, @DefaultValue("14d") Duration linkTtl) {
    }

    /**
     * @param perAgentHourMinor             what an hour of agent time costs, in minor units of {@code currency}
     * @param currency                      ISO 4217 code
     * @param defaultMinutesPerAgentMessage agent time counted for a reply or note that does not state its own
     */
    public record Cost(@DefaultValue("3000") long perAgentHourMinor, @DefaultValue("USD") String currency,
                       @DefaultValue("10") int defaultMinutesPerAgentMessage) {
    }
}
