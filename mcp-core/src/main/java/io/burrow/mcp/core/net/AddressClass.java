package io.burrow.mcp.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

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
    SITE_LOCAL("site-local");

    private final String label;

    AddressClass(String label) {
        this.label = label;
    }

    /** A short human label, safe for messages. */
    public String label() {
        return label;
    }

    /**
     * Classifies an address. IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible,
     * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}) take the class of
     * the embedded address when that is not public.
     */
    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ofV4(b) : ofV6(b);
    }

    private static int u(byte b) {
        return b & 0xFF;
    }

    static AddressClass ofV4(byte[] b) {
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
            return wellKnown ? ofV4(slice(b, 12, false)) : PRIVATE; // 64:ff9b:1::/48 is local-use
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
