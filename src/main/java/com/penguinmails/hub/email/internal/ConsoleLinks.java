package com.penguinmails.hub.email.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.penguinmails.hub.platform.PlatformProperties;

/** Links in the hub's own emails to a console page that takes a single-use token. */
final class ConsoleLinks {

    private ConsoleLinks() {
    }

    /** {@code <public base URL><page>?token=<token>}, the token URL-encoded. */
    static String withToken(PlatformProperties platform, String page, String token) {
        return platform.publicBaseUrl().toString().replaceAll("/+$", "") + page + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
