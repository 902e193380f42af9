package com.penguinmails.hub.mailgun.internal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Mailgun module, bound from {@code hub.mailgun.*}: the API base of each region
 * (overridable for a stub in tests).
 */
@ConfigurationProperties("hub.mailgun")
public record MailgunProperties(
        @DefaultValue("https://api.mailgun.net") URI usBaseUrl,
        @DefaultValue("https://api.eu.mailgun.net") URI euBaseUrl) {

    URI baseUrl(Object region) {
        return "EU".equals(region) ? euBaseUrl : usBaseUrl;
    }
}
