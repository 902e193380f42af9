package com.penguinmails.hub.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every forbidden address class, reached through a name that a fake resolver answers. */
class OutboundAddressPolicyUnitTests {

    private static OutboundAddressPolicy policy(boolean allowLoopback, String address) {
        return new OutboundAddressPolicy(allowLoopback, host -> {
            if (!host.equals("customer.example.com")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        });
    }

    @ParameterizedTest(name = "{0} ({1}) is refused")
    @CsvSource({
            "127.0.0.1, loopback", "127.8.9.10, loopback", "::1, loopback", "::ffff:127.0.0.1, loopback",
            "10.1.2.3, private", "172.16.0.1, private", "192.168.1.1, private", "::ffff:192.168.1.1, private",
            "::ffff:10.0.0.1, private", "::10.0.0.1, private", "64:ff9b::a00:1, private", "fec0::1, private",
            "169.254.169.254, link-local", "::ffff:169.254.169.254, link-local", "fe80::1, link-local",
            "100.64.0.1, carrier-grade NAT", "100.100.100.200, carrier-grade NAT", "100.127.255.254, carrier-grade NAT",
            "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
            "0.0.0.0, unspecified", "::, unspecified",
            "fd00:ec2::254, unique-local", "fc00::1, unique-local",
            "198.18.0.1, reserved", "240.0.0.1, reserved", "255.255.255.255, reserved", "192.0.0.170, reserved",
    })
    void forbiddenAddressClassesAreRefusedAfterResolution(String address, String kind) {
        assertThat(policy(false, address).refusal(URI.create("https://customer.example.com/hooks")))
                .hasValueSatisfying(why -> assertThat(why).contains(kind).contains("customer.example.com"));
    }

    @Test
    void publicAddressesPassAndLoopbackOnlyWhenAllowed() {
        assertThat(policy(false, "34.120.0.1").refusal(URI.create("https://customer.example.com/"))).isEmpty();
        assertThat(policy(false, "2606:4700::1111").refusal(URI.create("https://customer.example.com/"))).isEmpty();
        assertThat(policy(false, "100.128.0.1").refusal(URI.create("https://customer.example.com/"))).isEmpty();
        assertThat(policy(true, "127.0.0.1").refusal(URI.create("http://customer.example.com:8080/"))).isEmpty();
        assertThat(policy(true, "10.0.0.1").refusal(URI.create("http://customer.example.com/"))).isPresent();
    }

    @Test
    void literalAddressesSchemesAndCredentialsAreChecked() {
        OutboundAddressPolicy strict = new OutboundAddressPolicy(false, InetAddress::getAllByName);
        assertThat(strict.refusal(URI.create("http://169.254.169.254/latest/meta-data/"))).isPresent();
        assertThat(strict.refusal(URI.create("http://[::ffff:a9fe:a9fe]/"))).isPresent();
        assertThat(strict.refusal(URI.create("http://[fd00:ec2::254]/"))).isPresent();
        assertThat(strict.refusal(URI.create("ftp://34.120.0.1/"))).hasValueSatisfying(why -> assertThat(why).contains("http"));
        assertThat(strict.refusal(URI.create("https://user:pw@34.120.0.1/"))).isPresent();
        assertThat(strict.refusal(URI.create("file:///etc/passwd"))).isPresent();
    }

    @Test
    void anyForbiddenAnswerAmongSeveralRefuses() {
        Map<String, String[]> answers = Map.of("mixed.example.com", new String[] {"34.120.0.1", "10.0.0.1"});
        OutboundAddressPolicy strict = new OutboundAddressPolicy(false, host -> {
            String[] list = answers.get(host);
            InetAddress[] result = new InetAddress[list.length];
            for (int i = 0; i < list.length; i++) {
                result[i] = InetAddress.getByName(list[i]);
            }
            return result;
        });
        assertThat(strict.refusal(URI.create("https://mixed.example.com/"))).isPresent();
    }
}
