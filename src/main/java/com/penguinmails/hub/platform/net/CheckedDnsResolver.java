package com.penguinmails.hub.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Apache HttpClient's name resolution through the {@link OutboundAddressPolicy}: the client connects
 * only to the addresses this resolver answers, which are the ones the policy checked, so the
 * connection is pinned to checked addresses. A forbidden address fails the resolution with a
 * {@link RefusedAddressException}.
 */
public final class CheckedDnsResolver implements DnsResolver {

    private final OutboundAddressPolicy policy;

    public CheckedDnsResolver(OutboundAddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.allowedAddresses(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // only used for SPNEGO-style authentication, which deliveries never do
    }
}
