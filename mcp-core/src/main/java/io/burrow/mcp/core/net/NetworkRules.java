package io.burrow.mcp.core.net;

import java.util.Set;

/**
 * What a backend may connect to. Each backend builds its own from its settings
 * ({@code GOPHER_ALLOWED_HOSTS}, {@code GEMINI_ALLOW_LOCAL_HOSTS}, …).
 *
 * @param allowLocalHosts permit loopback, private, link-local and other non-public addresses
 *     (the dangerous-port denylist still applies; cloud metadata addresses need {@code allowMetadataHosts})
 * @param allowMetadataHosts permit cloud metadata addresses ({@link AddressClass#METADATA}), which
 *     {@code allowLocalHosts} does not cover
 * @param allowedHosts when not empty, only these hosts: exact names or {@code *.example.org} for
 *     subdomains; compared after lower-casing and removing a trailing dot
 * @param allowedPorts when not empty, only these ports
 * @param deniedPorts ports always refused (mail, databases, remote shells…), even when allowed
 */
public record NetworkRules(boolean allowLocalHosts, boolean allowMetadataHosts, Set<String> allowedHosts,
        Set<Integer> allowedPorts, Set<Integer> deniedPorts) {

    /** Ports of services that a fetch must never reach, as gopher-mcp refuses them. */
    public static final Set<Integer> DANGEROUS_PORTS = Set.of(22, 23, 25, 110, 143, 445, 465, 587, 993, 995, 1433,
            3306, 3389, 5432, 5900, 6379, 9200, 11211, 27017);

    public NetworkRules {
        allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts.stream().map(HostPolicy::normalizeHost).toList());
        allowedPorts = allowedPorts == null ? Set.of() : Set.copyOf(allowedPorts);
        deniedPorts = deniedPorts == null ? Set.of() : Set.copyOf(deniedPorts);
    }

    /** Rules that refuse cloud metadata addresses (whatever {@code allowLocalHosts} says). */
    public NetworkRules(boolean allowLocalHosts, Set<String> allowedHosts, Set<Integer> allowedPorts,
            Set<Integer> deniedPorts) {
        this(allowLocalHosts, false, allowedHosts, allowedPorts, deniedPorts);
    }

    /** Public addresses only, the dangerous-port denylist, no allowlists. */
    public static NetworkRules defaults() {
        return new NetworkRules(false, false, Set.of(), Set.of(), DANGEROUS_PORTS);
    }
}
