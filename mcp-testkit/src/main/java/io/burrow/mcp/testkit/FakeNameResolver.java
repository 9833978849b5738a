package io.burrow.mcp.testkit;

import io.burrow.mcp.core.net.NameResolver;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link NameResolver} for tests: names resolve to the addresses a test gives them, any other name is
 * unknown, and every lookup is counted (to check that a name is resolved once, or not at all). Pass it
 * to {@code BurrowServer.builder().resolver(…)}.
 *
 * <pre>{@code
 * FakeNameResolver dns = FakeNameResolver.create()
 *         .map("capsule.test", "127.0.0.1")
 *         .map("mixed.test", "93.184.216.34", "10.0.0.1")
 *         .map("mapped.test", "::ffff:127.0.0.1");        // stays an IPv6 address
 * BurrowServer server = BurrowServer.builder().module(new GeminiModule()).resolver(dns).build();
 * }</pre>
 *
 * Addresses are IP literals. An IPv4-mapped IPv6 literal ({@code ::ffff:a.b.c.d}) is kept as an IPv6
 * address, as a real resolver may return it (the JDK would turn it into IPv4). Thread-safe.
 */
public final class FakeNameResolver implements NameResolver {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    private FakeNameResolver() {
    }

    /** A resolver that knows no name yet. */
    public static FakeNameResolver create() {
        return new FakeNameResolver();
    }

    /**
     * Makes {@code host} resolve to {@code addresses}, in that order (replacing earlier ones).
     *
     * @throws IllegalArgumentException if an address is not an IP literal
     */
    public FakeNameResolver map(String host, String... addresses) {
        List<InetAddress> list = new ArrayList<>();
        for (String a : addresses) {
            list.add(literal(a));
        }
        names.put(host.toLowerCase(Locale.ROOT), List.copyOf(list));
        return this;
    }

    /** How many lookups were made, known names or not. */
    public int lookups() {
        return lookups.get();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        List<InetAddress> a = names.get(host.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return a;
    }

    private static InetAddress literal(String text) {
        if (!text.matches("[0-9A-Fa-f:.]+") || (text.indexOf(':') < 0 && !text.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))) {
            throw new IllegalArgumentException("not an IP literal: " + text);
        }
        try {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("::ffff:") && lower.indexOf('.') > 0) {
                byte[] v4 = InetAddress.getByName(lower.substring(7)).getAddress();
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(v4, 0, v6, 12, 4);
                return Inet6Address.getByAddress(null, v6, -1);
            }
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + text, e);
        }
    }
}
