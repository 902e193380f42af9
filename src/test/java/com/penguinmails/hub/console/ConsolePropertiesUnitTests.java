package com.penguinmails.hub.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsolePropertiesUnitTests {

    @Test
    void withoutConfiguredLinksTheHelpMenuHasTheGuidesFiveHelpCenterPages() {
        for (List<ConsoleProperties.HelpLink> none : java.util.Arrays.asList(null, List.<ConsoleProperties.HelpLink>of())) {
            List<ConsoleProperties.HelpLink> links = new ConsoleProperties(none, "support@penguinmails.com").helpLinks();
            assertThat(links).extracting(ConsoleProperties.HelpLink::name)
                    .containsExactly("Knowledge Base", "Support", "Video Tutorials", "Glossary", "Our Services");
            assertThat(links).allSatisfy(l -> assertThat(l.url()).startsWith("https://help.penguinmails.com/"));
        }
    }

    @Test
    void configuredLinksReplaceTheGuidesInTheirOrder() {
        List<ConsoleProperties.HelpLink> given = List.of(new ConsoleProperties.HelpLink("Runbook", "https://docs.example.com/r", "ops"),
                new ConsoleProperties.HelpLink("Status", "https://status.example.com/", "status"));
        assertThat(new ConsoleProperties(given, "ops@example.com").helpLinks()).containsExactlyElementsOf(given);
    }
}
