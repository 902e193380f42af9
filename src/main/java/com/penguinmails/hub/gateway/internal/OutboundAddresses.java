package com.penguinmails.hub.gateway.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * ARCHITECTURE rule 7: a provider URL may come from a user (a custom integration's base URL), so it
 * is resolved and refused when any of its addresses is private, loopback, link-local (cloud metadata
 * lives at 169.254.169.254), carrier-grade NAT, unique-local, multicast or unspecified. Loopback is
 * let through only when {@code hub.gateway.allow-loopback} is set (tests, development).
 */
@Component
class OutboundAddresses {

    /** A resolver, replaceable in unit tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final Resolver resolver;

    @Autowired
    OutboundAddresses(GatewayProperties properties) {
        this(properties.allowLoopback(), InetAddress::getAllByName);
    }

    OutboundAddresses(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** Why the URI may not be called, or nothing when it may. */
    Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            return Optional.of("only http and https URLs may be called");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("credentials in the URL are not allowed");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // the call itself fails as a network error
        }
        for (InetAddress address : addresses) {
            Optional<String> why = forbidden(address);
            if (why.isPresent()) {
                return Optional.of(host + " resolves to " + why.get() + " address " + address.getHostAddress());
            }
        }
        return Optional.empty();
    }

    private Optional<String> forbidden(InetAddress address) {
        InetAddress a = unmapped(address);
        if (a.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("an unspecified");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local (metadata)");
        }
        if (a.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240) {
                return Optional.of("a reserved");
            }
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local"); // fc00::/7, includes AWS's fd00:ec2::254 metadata address
        }
        return Optional.empty();
    }

    /** ::ffff:10.0.0.1 and friends are judged as the IPv4 address they carry. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }
}
