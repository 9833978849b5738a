package io.burrow.mcp.core.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A target that passed the {@link HostPolicy}: connect to {@link #addresses()} in order, never to
 * the name again (re-resolving would reopen the door to DNS rebinding).
 *
 * @param host the normalised host name (for SNI and Host headers)
 * @param port the port
 * @param addresses every checked address, at least one
 */
public record ResolvedTarget(String host, int port, List<InetAddress> addresses) {

    public ResolvedTarget {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no addresses");
        }
    }

    /** The socket addresses to try, in order. */
    public List<InetSocketAddress> socketAddresses() {
        return addresses.stream().map(a -> new InetSocketAddress(a, port)).toList();
    }
}
