package io.burrow.mcp.core.net;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

    /**
     * Ports of services that a fetch must never reach, with the service each belongs to, in port order: services
     * that act on a single line of text (Redis, memcached, ZooKeeper, mail), remote shells, databases, and the
     * control planes of containers and clusters, whose mere reachability is a takeover (Docker, etcd, Kubernetes
     * API server and kubelet, Consul, Nomad, Vault).
     */
    public static final Map<Integer, String> DANGEROUS_PORT_SERVICES = table(
            22, "SSH",
            23, "Telnet",
            25, "SMTP",
            110, "POP3",
            139, "NetBIOS session (SMB)",
            143, "IMAP",
            445, "SMB",
            465, "SMTP over TLS",
            587, "SMTP submission",
            993, "IMAP over TLS",
            995, "POP3 over TLS",
            1433, "Microsoft SQL Server",
            1521, "Oracle Database",
            2181, "ZooKeeper",
            2375, "Docker Engine API",
            2376, "Docker Engine API over TLS",
            2377, "Docker Swarm cluster management",
            2379, "etcd client API",
            2380, "etcd peer API",
            3306, "MySQL and MariaDB",
            3389, "Remote Desktop (RDP)",
            4646, "Nomad HTTP API",
            4647, "Nomad RPC",
            4648, "Nomad Serf gossip",
            5432, "PostgreSQL",
            5900, "VNC",
            5984, "CouchDB",
            5985, "WinRM (Windows remote management)",
            5986, "WinRM over TLS",
            6379, "Redis",
            6443, "Kubernetes API server",
            8200, "Vault API",
            8201, "Vault cluster",
            8300, "Consul server RPC",
            8301, "Consul Serf LAN gossip",
            8302, "Consul Serf WAN gossip",
            8500, "Consul HTTP API",
            8501, "Consul HTTPS API",
            8502, "Consul gRPC",
            8503, "Consul gRPC over TLS",
            9042, "Cassandra",
            9200, "Elasticsearch and OpenSearch",
            10250, "kubelet API",
            10255, "kubelet read-only API",
            10257, "kube-controller-manager",
            10259, "kube-scheduler",
            11211, "memcached",
            26379, "Redis Sentinel",
            27017, "MongoDB");

    /** The ports of {@link #DANGEROUS_PORT_SERVICES}: every backend's denylist. */
    public static final Set<Integer> DANGEROUS_PORTS = Set.copyOf(DANGEROUS_PORT_SERVICES.keySet());

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

    private static Map<Integer, String> table(Object... pairs) {
        TreeMap<Integer, String> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (m.put((Integer) pairs[i], (String) pairs[i + 1]) != null) {
                throw new IllegalStateException("port listed twice: " + pairs[i]);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
