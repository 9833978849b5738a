package io.burrow.mcp.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AddressClassTest {

    @ParameterizedTest
    @CsvSource({
        "8.8.8.8, PUBLIC",
        "1.1.1.1, PUBLIC",
        "0.0.0.0, UNSPECIFIED",
        "10.1.2.3, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "172.32.0.1, PUBLIC",
        "192.168.1.1, PRIVATE",
        "127.0.0.1, LOOPBACK",
        "127.255.0.9, LOOPBACK",
        "169.254.169.254, LINK_LOCAL",
        "100.64.0.1, SHARED",
        "100.127.255.255, SHARED",
        "100.128.0.1, PUBLIC",
        "224.0.0.1, MULTICAST",
        "239.255.255.250, MULTICAST",
        "240.0.0.1, RESERVED",
        "255.255.255.255, BROADCAST",
        "192.0.2.5, DOCUMENTATION",
        "198.18.0.1, RESERVED",
        "::, UNSPECIFIED",
        "::1, LOOPBACK",
        "fe80::1, LINK_LOCAL",
        "fec0::1, SITE_LOCAL",
        "fc00::1, UNIQUE_LOCAL",
        "fd12:3456::1, UNIQUE_LOCAL",
        "ff02::1, MULTICAST",
        "2001:db8::1, DOCUMENTATION",
        "2606:4700:4700::1111, PUBLIC",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::127.0.0.1, LOOPBACK",
        "64:ff9b::7f00:1, LOOPBACK",
        "64:ff9b::a9fe:a9fe, LINK_LOCAL",
        "64:ff9b::808:808, PUBLIC",
        "64:ff9b:1::1, PRIVATE",
        "2002:7f00:0001::1, LOOPBACK",
        "2002:c0a8:0101::1, PRIVATE",
        "2002:0808:0808::1, PUBLIC",
        "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
        "100::1, RESERVED",
        "4000::1, RESERVED",
    })
    void classifies(String literal, AddressClass expected) throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "2130706433, 127.0.0.1",
        "0x7f000001, 127.0.0.1",
        "017700000001, 127.0.0.1",
        "0177.0.0.1, 127.0.0.1",
        "0x7f.0.0.1, 127.0.0.1",
        "127.1, 127.0.0.1",
        "10.1.2, 10.1.0.2",
        "3232235777, 192.168.1.1",
        "8.8.8.8, 8.8.8.8",
    })
    void parseIpv4Loose_acceptsResolverForms(String text, String expected) throws Exception {
        assertThat(AddressClass.parseIpv4Loose(text)).isEqualTo(InetAddress.getByName(expected));
    }

    @ParameterizedTest
    @CsvSource({"example.org", "256.1.1.1", "1.2.3.4.5", "4294967296", "0x", "09.1.1.1", "1..1", "''"})
    void parseIpv4Loose_rejectsNonLiterals(String text) {
        assertThat(AddressClass.parseIpv4Loose(text)).isNull();
    }
}
