package io.burrow.mcp.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
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
        "169.254.1.1, LINK_LOCAL",
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
        "64:ff9b::a9fe:101, LINK_LOCAL",
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
        // the endpoints themselves
        "169.254.169.254, METADATA", // AWS, Azure, Google, Oracle, DigitalOcean, OpenStack, ...
        "169.254.169.252, METADATA", // GKE metadata server
        "169.254.169.123, METADATA", // AWS time service, in the same platform block
        "169.254.170.2, METADATA", // ECS task credentials
        "169.254.170.23, METADATA", // EKS Pod Identity
        "169.254.0.23, METADATA", // Tencent
        "169.254.42.42, METADATA", // Scaleway
        "100.100.100.200, METADATA", // Alibaba
        "192.0.0.192, METADATA", // Oracle (legacy)
        "168.63.129.16, METADATA", // Azure WireServer, a public address
        "fd00:ec2::254, METADATA", // AWS over IPv6
        "fd00:ec2::23, METADATA",
        "fd20:ce::254, METADATA", // Google over IPv6
        "fd00:42::42, METADATA", // Scaleway over IPv6
        "fd00:a9fe:a9fe::1, METADATA", // Linode over IPv6
        "fe80::a9fe:a9fe, METADATA", // OpenStack over IPv6
        // embedded in IPv6
        "::ffff:169.254.169.254, METADATA",
        "::169.254.169.254, METADATA",
        "64:ff9b::a9fe:a9fe, METADATA",
        "64:ff9b::6464:64c8, METADATA", // NAT64 of 100.100.100.200
        "64:ff9b:1::a9fe:a9fe, METADATA", // local-use NAT64, /96
        "64:ff9b:1:a9fe:a9:fe00::, METADATA", // local-use NAT64, /48 (octet 8 skipped)
        "2002:a9fe:a9fe::1, METADATA", // 6to4
        "2002:a83f:8110::1, METADATA", // 6to4 of 168.63.129.16
        "2001:0:4136:e378:8000:63bf:5601:5601, METADATA", // Teredo: client address inverted
        // their neighbours keep their class
        "169.254.171.1, LINK_LOCAL",
        "169.254.42.43, LINK_LOCAL",
        "100.100.100.201, SHARED",
        "192.0.0.191, RESERVED",
        "168.63.129.17, PUBLIC",
        "fd00:ec2:0:1::254, UNIQUE_LOCAL",
        "fd20:ce::253, UNIQUE_LOCAL",
        "fe80::a9fe:a9ff, LINK_LOCAL",
        "64:ff9b:1::1, PRIVATE",
    })
    void metadataEndpoints_haveTheirOwnClass_inEveryForm(String literal, AddressClass expected) throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    @Test
    void ipv4MappedInet6Address_ofAMetadataEndpoint_isMetadata() throws Exception {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may hand over an Inet6Address
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169,
            (byte) 254};
        assertThat(AddressClass.of(Inet6Address.getByAddress(null, mapped, -1))).isEqualTo(AddressClass.METADATA);
    }

    @Test
    void metadataBlocks_areListedForTheDocumentation() {
        assertThat(AddressClass.metadataBlocks()).containsKeys("169.254.169.0/24", "169.254.170.0/24",
                "100.100.100.200/32", "fd00:ec2::/64");
        assertThat(AddressClass.metadataBlocks().values()).allSatisfy(v -> assertThat(v).isNotBlank());
        assertThat(AddressClass.METADATA.label()).isEqualTo("cloud metadata");
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
