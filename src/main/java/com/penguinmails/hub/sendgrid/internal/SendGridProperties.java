package com.penguinmails.hub.sendgrid.internal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the SendGrid module, bound from {@code hub.sendgrid.*}: the API base (a stub in tests). */
@ConfigurationProperties("hub.sendgrid")
public record SendGridProperties(@DefaultValue("https://api.sendgrid.com") URI baseUrl) {
}
