package com.penguinmails.hub.console;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the console, bound from {@code hub.console.*}: the help menu's links (the guide's help
 * center) and the address the support button writes to.
 *
 * @param helpLinks    the help menu, in order; default: the guide's five help-center pages
 * @param supportEmail where the support button's pre-filled email goes
 */
@ConfigurationProperties("hub.console")
public record ConsoleProperties(List<HelpLink> helpLinks,
                                @DefaultValue("support@penguinmails.com") String supportEmail) {

    /** One entry of the help menu. */
    public record HelpLink(String name, String url, String category) {
    }

    static final List<HelpLink> GUIDE_LINKS = List.of(
            new HelpLink("Knowledge Base", "https://help.penguinmails.com/knowledge-base", "self-service"),
            new HelpLink("Support", "https://help.penguinmails.com/support", "contact"),
            new HelpLink("Video Tutorials", "https://help.penguinmails.com/video-tutorials", "learning"),
            new HelpLink("Glossary", "https://help.penguinmails.com/glossary", "reference"),
            new HelpLink("Our Services", "https://help.penguinmails.com/our-services", "information"));

    public ConsoleProperties {
        helpLinks = helpLinks == null || helpLinks.isEmpty() ? GUIDE_LINKS : List.copyOf(helpLinks);
    }
}
