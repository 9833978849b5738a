package io.burrow.mcp.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kind of an IP address, as far as the host policy cares. */
public enum AddressClass {
    PUBLIC("public"),
    UNSPECIFIED("unspecified"),
    LOOPBACK("loopback"),
    PRIVATE("private"),
    LINK_LOCAL("link-local"),
    SHARED("shared (carrier-grade NAT)"),
    MULTICAST("multicast"),
    BROADCAST("broadcast"),
    RESERVED("reserved"),
    DOCUMENTATION("documentation"),
    UNIQUE_LOCAL("unique-local"),
    SITE_LOCAL("site-local"),
    /**
     * A cloud provider's instance metadata or platform endpoint ({@link #metadataBlocks()}), which hands out
     * credentials of the machine: refused unless metadata hosts are allowed, whether local hosts are or not.
     */
    METADATA("cloud metadata");

    /**
     * The blocks classified {@link #METADATA}, with the endpoints they hold. Every endpoint known to carry
     * instance metadata or credentials; whole /24s where a provider keeps several platform services in one.
     */
    private static final Map<String, String> METADATA_BLOCKS = metadataTable(
            "169.254.169.0/24", "instance metadata of AWS, Azure, Google Cloud, Oracle Cloud, IBM Cloud, DigitalOcean, "
                    + "Hetzner, Linode, Vultr, OpenStack and others (169.254.169.254); the GKE metadata server "
                    + "(169.254.169.252); AWS time and DNS services (169.254.169.123, 169.254.169.253)",
            "169.254.170.0/24", "AWS ECS task metadata and credentials (169.254.170.2), EKS Pod Identity (169.254.170.23)",
            "169.254.0.23/32", "Tencent Cloud metadata",
            "169.254.42.42/32", "Scaleway metadata",
            "100.100.100.200/32", "Alibaba Cloud metadata",
            "192.0.0.192/32", "Oracle Cloud metadata (legacy address)",
            "168.63.129.16/32", "Azure WireServer (VM agent and extension configuration; a public address)",
            "fd00:ec2::/64", "AWS metadata, EKS Pod Identity, time and DNS over IPv6 (fd00:ec2::254, ::23, ::123, ::253)",
            "fd20:ce::254/128", "Google Cloud metadata over IPv6",
            "fd00:42::42/128", "Scaleway metadata over IPv6",
            "fd00:a9fe:a9fe::1/128", "Linode (Akamai) metadata over IPv6",
            "fe80::a9fe:a9fe/128", "OpenStack metadata over IPv6");

    private record Block(byte[] network, int prefixLength) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xFF00 >> rest) & 0xFF) == 0;
        }
    }

    private static final List<Block> METADATA_NETWORKS = parseBlocks(METADATA_BLOCKS);

    private final String label;

    AddressClass(String label) {
        this.label = label;
    }

    /** A short human label, safe for messages. */
    public String label() {
        return label;
    }

    /**
     * The blocks (CIDR) classified {@link #METADATA}, each with the endpoints it holds, in a stable order.
     * Addresses embedding one of them in IPv6 (mapped, compatible, NAT64, 6to4, Teredo) are metadata too.
     */
    public static Map<String, String> metadataBlocks() {
        return METADATA_BLOCKS;
    }

    /**
     * Classifies an address. IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible,
     * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}) take the class of
     * the embedded address; other addresses in {@code 64:ff9b::/32} (such as the local-use
     * {@code 64:ff9b:1::/48}) are {@link #METADATA} when any RFC 6052 position holds a metadata address,
     * else {@link #PRIVATE}.
     */
    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ofV4(b) : ofV6(b);
    }

    private static boolean metadata(byte[] b) {
        for (Block block : METADATA_NETWORKS) {
            if (block.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> metadataTable(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<Block> parseBlocks(Map<String, String> table) {
        List<Block> out = new ArrayList<>();
        for (String cidr : table.keySet()) {
            int slash = cidr.indexOf('/');
            try {
                byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress(); // literals only
                out.add(new Block(network, Integer.parseInt(cidr.substring(slash + 1))));
            } catch (UnknownHostException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The IPv4 addresses an address in {@code 64:ff9b::/32} may embed, one for each prefix length of RFC 6052
     * (32, 40, 48, 56, 64, 96; bits 64 to 71, the "u" octet, are skipped).
     */
    private static List<byte[]> nat64Embeddings(byte[] b) {
        int[][] positions = {{4, 5, 6, 7}, {5, 6, 7, 9}, {6, 7, 9, 10}, {7, 9, 10, 11}, {9, 10, 11, 12},
            {12, 13, 14, 15}};
        List<byte[]> out = new ArrayList<>();
        for (int[] p : positions) {
            out.add(new byte[] {b[p[0]], b[p[1]], b[p[2]], b[p[3]]});
        }
        return out;
    }

    private static int u(byte b) {
        return b & 0xFF;
    }

    static AddressClass ofV4(byte[] b) {
        if (metadata(b)) {
            return METADATA;
        }
        int a0 = u(b[0]);
        int a1 = u(b[1]);
        int a2 = u(b[2]);
        if (a0 == 0) {
            return UNSPECIFIED;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)) {
            return PRIVATE;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 == 100 && (a1 & 0xC0) == 64) {
            return SHARED;
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return a2 == 2 ? DOCUMENTATION : RESERVED;
        }
        if ((a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return DOCUMENTATION;
        }
        if ((a0 == 198 && (a1 & 0xFE) == 18) || (a0 == 192 && a1 == 88 && a2 == 99)) {
            return RESERVED;
        }
        if ((a0 & 0xF0) == 224) {
            return MULTICAST;
        }
        if (a0 == 255 && a1 == 255 && a2 == 255 && u(b[3]) == 255) {
            return BROADCAST;
        }
        if ((a0 & 0xF0) == 240) {
            return RESERVED;
        }
        return PUBLIC;
    }

    static AddressClass ofV6(byte[] b) {
        if (metadata(b)) {
            return METADATA;
        }
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && u(b[10]) == 0xFF && u(b[11]) == 0xFF) {
            return ofV4(slice(b, 12, false)); // IPv4-mapped
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            boolean allZero = true;
            for (int i = 12; i < 15; i++) {
                allZero &= b[i] == 0;
            }
            if (allZero && b[15] == 0) {
                return UNSPECIFIED;
            }
            if (allZero && b[15] == 1) {
                return LOOPBACK;
            }
            return ofV4(slice(b, 12, false)); // IPv4-compatible (deprecated)
        }
        int w0 = (u(b[0]) << 8) | u(b[1]);
        int w1 = (u(b[2]) << 8) | u(b[3]);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            if (wellKnown) {
                return ofV4(slice(b, 12, false));
            }
            for (byte[] v4 : nat64Embeddings(b)) { // 64:ff9b:1::/48 is local-use, its prefix length unknown
                if (metadata(v4)) {
                    return METADATA;
                }
            }
            return PRIVATE;
        }
        if (w0 == 0x2002) {
            return ofV4(slice(b, 2, false)); // 6to4
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return ofV4(slice(b, 12, true)); // Teredo: client address is inverted
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return DOCUMENTATION;
        }
        if (w0 == 0x2001 && (w1 & 0xFFE0) == 0x0000 || w0 == 0x2001 && (w1 & 0xFFF0) == 0x0010
                || w0 == 0x2001 && (w1 & 0xFFF0) == 0x0020 || w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0
                        && b[6] == 0 && b[7] == 0) {
            return RESERVED;
        }
        if ((u(b[0]) & 0xFE) == 0xFC) {
            return UNIQUE_LOCAL;
        }
        if (u(b[0]) == 0xFE && (u(b[1]) & 0xC0) == 0x80) {
            return LINK_LOCAL;
        }
        if (u(b[0]) == 0xFE && (u(b[1]) & 0xC0) == 0xC0) {
            return SITE_LOCAL;
        }
        if (u(b[0]) == 0xFF) {
            return MULTICAST;
        }
        if ((u(b[0]) & 0xE0) != 0x20) {
            return RESERVED; // outside 2000::/3, the only global unicast block
        }
        return PUBLIC;
    }

    private static byte[] slice(byte[] b, int from, boolean invert) {
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (invert ? ~b[from + i] : b[from + i]);
        }
        return out;
    }

    /**
     * Parses an IPv4 literal in any form {@code inet_aton} accepts (dotted decimal, a single 32-bit
     * number, octal with a leading {@code 0}, hexadecimal with {@code 0x}, shortened {@code a.b}).
     * Resolvers accept these forms, so the policy must read them the same way.
     *
     * @return the address, or {@code null} if the text is not such a literal
     */
    public static Inet4Address parseIpv4Loose(String text) {
        if (text.isEmpty() || text.length() > 64 || text.endsWith(".")) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(java.util.Locale.ROOT);
            try {
                if (p.startsWith("0x")) {
                    if (p.length() == 2 || p.length() > 10) {
                        return null;
                    }
                    values[i] = Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    if (p.length() > 12) {
                        return null;
                    }
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    if (p.isEmpty() || p.length() > 10 || !p.chars().allMatch(Character::isDigit)) {
                        return null;
                    }
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        long addr = 0;
        int n = values.length;
        for (int i = 0; i < n - 1; i++) {
            if (values[i] > 0xFF) {
                return null;
            }
            addr |= values[i] << (8 * (3 - i));
        }
        long last = values[n - 1];
        long lastMax = (1L << (8 * (4 - (n - 1)))) - 1;
        if (last > lastMax) {
            return null;
        }
        addr |= last;
        byte[] bytes = {(byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr};
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
