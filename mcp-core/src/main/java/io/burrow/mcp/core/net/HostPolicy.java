package io.burrow.mcp.core.net;

import io.burrow.mcp.core.BlockedException;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.InvalidRequestException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The SSRF guard in front of every network fetch.
 *
 * <p>{@link #check} normalises the host, applies the port denylist and the host and port
 * allowlists, resolves the name within the caller's {@link Deadline}, and checks <em>every</em>
 * resolved address: loopback, private, link-local, shared (CGNAT), multicast, reserved, unspecified,
 * IPv6 unique-local and site-local, and IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64,
 * 6to4, Teredo) are refused unless local hosts are allowed; cloud metadata endpoints
 * ({@link AddressClass#metadataBlocks()}, such as {@code 169.254.169.254}, also when embedded in IPv6 or
 * reached through a name such as {@code metadata.google.internal}) are refused unless metadata hosts are
 * allowed, which allowing local hosts does not do. IPv4 literals in every form a resolver accepts
 * (decimal, octal, hexadecimal, shortened) are parsed here, not by the resolver. The caller then connects
 * to the returned addresses, never re-resolving the name.
 *
 * <p>Refusals are {@link BlockedException}s whose message names the rule that matched and never contains
 * a resolved address; {@code error.rule} names it for programs: {@code denied_port}, {@code port_not_allowed},
 * {@code host_not_allowed}, {@code metadata_address}, {@code non_public_address} or
 * {@code never_allowed_address} (unspecified, multicast, broadcast). Instances are immutable and thread-safe.
 */
public final class HostPolicy {

    private static final ExecutorService RESOLVER_THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "burrow-resolver");
        t.setDaemon(true);
        return t;
    });
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");

    private final NetworkRules rules;
    private final NameResolver resolver;

    private HostPolicy(NetworkRules rules, NameResolver resolver) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A policy applying {@code rules}, resolving names with {@code resolver}. */
    public static HostPolicy create(NetworkRules rules, NameResolver resolver) {
        return new HostPolicy(rules, resolver);
    }

    /** The rules this policy applies. */
    public NetworkRules rules() {
        return rules;
    }

    /**
     * Lower-cases a host, removes IPv6 brackets and a trailing dot, and converts an international
     * name to its ASCII (punycode) form.
     *
     * @throws InvalidRequestException if the host is empty or not a valid name or address
     */
    public static String normalizeHost(String host) {
        if (host == null) {
            throw new InvalidRequestException("Host is missing");
        }
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".") && !h.endsWith("..")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new InvalidRequestException("Host is missing");
        }
        if (h.indexOf(':') >= 0) {
            return h.toLowerCase(Locale.ROOT); // IPv6 literal, validated when parsed
        }
        if (h.startsWith("*.")) {
            return "*." + normalizeHost(h.substring(2)); // allowlist wildcard
        }
        try {
            h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Host name is not valid");
        }
        if (h.length() > 253 || !HOST_NAME.matcher(h).matches()) {
            throw new InvalidRequestException("Host name is not valid");
        }
        return h;
    }

    /**
     * Checks a target without resolving it: ports, the host allowlist, and IP literals. Used on cache
     * hits, so that a cached answer cannot bypass rules tightened since it was stored.
     *
     * @throws BlockedException if the rules refuse the target
     */
    public void checkWithoutResolving(String host, int port) {
        String h = normalizeHost(host);
        checkPortAndHost(h, port);
        InetAddress literal = literal(h);
        if (literal != null) {
            checkAddress(h, literal);
        }
    }

    /**
     * Checks a target and resolves it within the deadline.
     *
     * @return the checked addresses to connect to
     * @throws BlockedException if the rules refuse the target or any of its addresses
     * @throws FetchException {@code DNS_ERROR} if the name does not resolve, {@code TIMEOUT} if the
     *     deadline passes while resolving
     */
    public ResolvedTarget check(String host, int port, Deadline deadline) {
        String h = normalizeHost(host);
        checkPortAndHost(h, port);
        InetAddress literal = literal(h);
        List<InetAddress> addresses = literal != null ? List.of(literal) : resolve(h, deadline);
        for (InetAddress a : addresses) {
            checkAddress(h, a);
        }
        return new ResolvedTarget(h, port, addresses);
    }

    private void checkPortAndHost(String h, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidRequestException("Port must be between 1 and 65535, was " + port);
        }
        if (rules.deniedPorts().contains(port)) {
            String service = NetworkRules.DANGEROUS_PORT_SERVICES.get(port);
            throw blocked("denied_port", "Port " + port + (service == null ? "" : " (" + service + ")")
                    + " is on the host policy's denylist of dangerous ports",
                    "Ports of remote shells, mail, databases and caches, and container and cluster control planes "
                            + "are never fetched, even when local hosts or the port are allowed.");
        }
        if (!rules.allowedPorts().isEmpty() && !rules.allowedPorts().contains(port)) {
            throw blocked("port_not_allowed", "Port " + port + " is not in the allowed ports", "Allowed ports: "
                    + rules.allowedPorts().stream().sorted().toList());
        }
        if (!rules.allowedHosts().isEmpty() && !hostAllowed(h)) {
            throw blocked("host_not_allowed", "Host " + h + " is not in the allowed hosts",
                    "Ask the operator to add it to the host allowlist.");
        }
    }

    private boolean hostAllowed(String h) {
        for (String allowed : rules.allowedHosts()) {
            if (allowed.equals(h) || (allowed.startsWith("*.") && h.endsWith(allowed.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    private void checkAddress(String h, InetAddress a) {
        AddressClass c = AddressClass.of(a);
        if (c == AddressClass.PUBLIC) {
            return;
        }
        if (c == AddressClass.METADATA) {
            if (!rules.allowMetadataHosts()) {
                throw blocked("metadata_address", "Blocked: " + h + " resolves to a cloud metadata address",
                        "Cloud metadata endpoints hand out the machine's credentials: they are refused even when local "
                                + "hosts are allowed, unless the backend's *_ALLOW_METADATA_HOSTS setting allows them.");
            }
            return;
        }
        boolean neverAllowed = c == AddressClass.UNSPECIFIED || c == AddressClass.MULTICAST
                || c == AddressClass.BROADCAST;
        if (neverAllowed || !rules.allowLocalHosts()) {
            throw blocked(neverAllowed ? "never_allowed_address" : "non_public_address", "Blocked: " + h + " resolves to "
                    + (c.label().matches("[aeiou].*") ? "an " : "a ") + c.label() + " address",
                    neverAllowed ? null : "Only public addresses are fetched unless local hosts are allowed.");
        }
    }

    private static BlockedException blocked(String rule, String message, String hint) {
        BlockedException e = new BlockedException(message, hint);
        e.withDetail("rule", rule);
        return e;
    }

    /** The address of an IP literal (IPv6, or IPv4 in any inet_aton form), or null for a name. */
    static InetAddress literal(String h) {
        if (h.indexOf(':') >= 0) {
            if (!h.matches("[0-9a-f:.]+")) {
                throw new InvalidRequestException("Host is not a valid IPv6 address");
            }
            try {
                return InetAddress.getByName(h); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new InvalidRequestException("Host is not a valid IPv6 address");
            }
        }
        InetAddress v4 = AddressClass.parseIpv4Loose(h);
        if (v4 == null && h.matches("[0-9.]+")) {
            throw new InvalidRequestException("Host is not a valid IPv4 address");
        }
        return v4;
    }

    private List<InetAddress> resolve(String h, Deadline deadline) {
        Future<List<InetAddress>> f = RESOLVER_THREADS.submit(() -> resolver.resolve(h));
        try {
            List<InetAddress> result = f.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            if (result == null || result.isEmpty()) {
                throw unresolved(h, null);
            }
            return result;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw deadline.timeout();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw deadline.timeout();
        } catch (ExecutionException e) {
            throw unresolved(h, e.getCause());
        }
    }

    private static FetchException unresolved(String h, Throwable cause) {
        return new FetchException(io.burrow.mcp.core.ErrorCodes.DNS_ERROR, "Could not resolve host " + h, cause);
    }
}
