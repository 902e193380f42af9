package com.penguinmails.hub.gateway;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A provider's answer: status, headers, raw body bytes and how long the call took (all attempts). */
public record ProviderResponse(int status, HttpHeaders headers, byte[] body, Duration elapsed) {

    public ProviderResponse {
        body = body == null ? new byte[0] : body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return "ProviderResponse[status=" + status + ", " + body.length + " bytes, elapsed=" + elapsed + "]";
    }
}
