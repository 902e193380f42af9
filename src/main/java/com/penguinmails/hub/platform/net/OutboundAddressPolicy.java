package com.penguinmails.hub.platform.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Outbound URLs are untrusted (docs/ARCHITECTURE.md, rules): every URL the hub calls may come from a user (a custom integration's base URL,
 * a customer's webhook endpoint), so it is resolved and refused when any of its addresses is private,
 * loopback, link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT (Alibaba's
 * metadata at 100.100.100.200), unique-local (AWS's {@code fd00:ec2::254}), multicast, unspecified or
 * otherwise reserved, judging IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d})
 * and NAT64 ({@code 64:ff9b::a.b.c.d}) IPv6 addresses as the IPv4 address they carry. Loopback is let
 * through only when {@code hub.net.allow-loopback} is set (tests, development). Used by the gateway
 * for provider calls and by the webhook module for deliveries to customers' endpoints.
 *
 * <p>The check happens right before each call, after DNS resolution. Webhook deliveries and provider
 * calls connect through {@link CheckedDnsResolver} ({@link PinnedHttpClients}), so the connection uses
 * exactly the addresses that were checked (a DNS answer that changes in between — DNS rebinding —
 * cannot slip through).
 */
public class OutboundAddressPolicy {

    /** A resolver, replaceable in unit tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final Resolver resolver;

    public OutboundAddressPolicy(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** The policy with the system resolver. */
    public static OutboundAddressPolicy withSystemResolver(boolean allowLoopback) {
        return new OutboundAddressPolicy(allowLoopback, InetAddress::getAllByName);
    }

    /** Why the URI may not be called, or nothing when it may. */
    public Optional<String> refusal(URI uri) {
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

    /**
     * Resolves {@code host} and answers its addresses when every one of them may be called.
     *
     * @throws RefusedAddressException when one of them may not
     * @throws UnknownHostException    when the name does not resolve
     */
    public InetAddress[] allowedAddresses(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        for (InetAddress address : addresses) {
            Optional<String> why = forbidden(address);
            if (why.isPresent()) {
                throw new RefusedAddressException(host + " resolves to " + why.get() + " address "
                        + address.getHostAddress());
            }
        }
        return addresses;
    }

    /** Why this one address may not be called, or nothing when it may. */
    public Optional<String> forbidden(InetAddress address) {
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
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a carrier-grade NAT");
            }
            if (first == 0 || (first == 198 && (second == 18 || second == 19)) || first >= 240
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)) {
                return Optional.of("a reserved");
            }
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local"); // fc00::/7, includes AWS's fd00:ec2::254 metadata address
        }
        return Optional.empty();
    }

    /**
     * {@code ::ffff:10.0.0.1}, {@code ::10.0.0.1} and {@code 64:ff9b::10.0.0.1} are judged as the IPv4
     * address they carry.
     */
    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address;
        }
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            try {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }
}
