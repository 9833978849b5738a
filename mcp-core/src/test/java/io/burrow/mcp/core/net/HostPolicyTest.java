package io.burrow.mcp.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BlockedException;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.InvalidRequestException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HostPolicyTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A resolver answering from a table, like a hostile DNS server could. */
    private static final NameResolver DNS = host -> {
        Map<String, List<InetAddress>> table = Map.ofEntries(
                Map.entry("public.example", List.of(ip("93.184.216.34"))),
                Map.entry("private.example", List.of(ip("10.0.0.5"))),
                Map.entry("loopback.example", List.of(ip("127.0.0.1"))),
                Map.entry("metadata.example", List.of(ip("169.254.169.254"))),
                Map.entry("metadata.google.internal", List.of(ip("169.254.169.254"))),
                Map.entry("ecs.example", List.of(ip("169.254.170.2"))),
                Map.entry("alibaba.example", List.of(ip("100.100.100.200"))),
                Map.entry("wireserver.example", List.of(ip("168.63.129.16"))),
                Map.entry("imds6.example", List.of(ip("fd00:ec2::254"))),
                Map.entry("mapped-metadata.example", List.of(ip("::ffff:169.254.169.254"))),
                Map.entry("public-and-metadata.example", List.of(ip("93.184.216.34"), ip("169.254.169.254"))),
                Map.entry("mapped.example", List.of(ip("::ffff:192.168.0.1"))),
                Map.entry("nat64.example", List.of(ip("64:ff9b::a00:1"))),
                Map.entry("mixed.example", List.of(ip("93.184.216.34"), ip("10.0.0.5"))),
                Map.entry("v6.example", List.of(ip("2606:4700::1"))));
        List<InetAddress> r = table.get(host);
        if (r == null) {
            throw new UnknownHostException(host);
        }
        return r;
    };

    private final HostPolicy policy = HostPolicy.create(NetworkRules.defaults(), DNS);
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(5));

    @Test
    void check_publicNameResolvesToCheckedAddresses() {
        ResolvedTarget t = policy.check("Public.Example.", 70, deadline);
        assertThat(t.host()).isEqualTo("public.example");
        assertThat(t.addresses()).containsExactly(ip("93.184.216.34"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"private.example", "loopback.example", "metadata.example", "mapped.example",
            "nat64.example", "mixed.example", "127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "[::1]",
            "[::ffff:127.0.0.1]", "10.0.0.1", "169.254.169.254", "[fd00::1]", "localhost.", "0.0.0.0"})
    void check_blocksEveryNonPublicTarget(String host) {
        HostPolicy p = HostPolicy.create(NetworkRules.defaults(), h -> h.equals("localhost")
                ? List.of(ip("127.0.0.1"), ip("::1")) : DNS.resolve(h));
        assertThatThrownBy(() -> p.check(host, 70, deadline))
                .isInstanceOf(BlockedException.class)
                .satisfies(e -> {
                    for (String resolved : List.of("10.0.0.5", "127.0.0.1", "192.168.0.1", "a00:1")) {
                        if (!host.contains(resolved)) {
                            assertThat(e.getMessage()).doesNotContain(resolved);
                        }
                    }
                });
    }

    @Test
    void check_blockedMessageNeverRevealsTheResolvedAddress() {
        assertThatThrownBy(() -> policy.check("private.example", 70, deadline))
                .hasMessage("Blocked: private.example resolves to a private address")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("10.0.0.5"));
    }

    @Test
    void check_allowLocalHostsPermitsPrivateButNotTheDangerousPorts() {
        HostPolicy local = HostPolicy.create(new NetworkRules(true, Set.of(), Set.of(), NetworkRules.DANGEROUS_PORTS), DNS);
        assertThat(local.check("loopback.example", 7070, deadline).addresses()).containsExactly(ip("127.0.0.1"));
        assertThatThrownBy(() -> local.check("loopback.example", 22, deadline)).isInstanceOf(BlockedException.class);
        assertThatThrownBy(() -> local.check("0.0.0.0", 70, deadline)).isInstanceOf(BlockedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.google.internal", "ecs.example", "alibaba.example", "wireserver.example",
        "imds6.example", "mapped-metadata.example", "public-and-metadata.example", "169.254.169.254", "0xa9fea9fe",
        "2852039166", "169.254.170.2", "100.100.100.200", "[fd00:ec2::254]", "[::ffff:169.254.169.254]",
        "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::1]"})
    void check_metadataAddresses_areBlockedEvenWithLocalHostsAllowed(String host) {
        HostPolicy local = HostPolicy.create(new NetworkRules(true, Set.of(), Set.of(), NetworkRules.DANGEROUS_PORTS), DNS);
        assertThatThrownBy(() -> local.check(host, 1965, deadline))
                .isInstanceOfSatisfying(BlockedException.class, e -> {
                    assertThat(e.getMessage()).endsWith(" resolves to a cloud metadata address");
                    assertThat(e.details()).containsEntry("rule", "metadata_address");
                    assertThat(e.hint()).contains("ALLOW_METADATA_HOSTS");
                    if (!host.contains("169.254") && !host.contains("100.100") && !host.contains(":")) {
                        assertThat(e.getMessage()).doesNotContain("169.254", "100.100", "168.63", "fd00");
                    }
                });
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(0))) {
            return;
        }
        assertThatThrownBy(() -> local.checkWithoutResolving(host, 1965)).as("cached results are re-checked too")
                .isInstanceOf(BlockedException.class);
    }

    @Test
    void check_allowMetadataHosts_permitsMetadataAddressesOnly() {
        HostPolicy metadataOnly = HostPolicy.create(new NetworkRules(false, true, Set.of(), Set.of(),
                NetworkRules.DANGEROUS_PORTS), DNS);
        assertThat(metadataOnly.check("metadata.google.internal", 80, deadline).addresses()).containsExactly(ip("169.254.169.254"));
        assertThat(metadataOnly.check("wireserver.example", 80, deadline).addresses()).hasSize(1);
        assertThatThrownBy(() -> metadataOnly.check("private.example", 70, deadline)).isInstanceOf(BlockedException.class);
        assertThatThrownBy(() -> metadataOnly.check("metadata.google.internal", 22, deadline))
                .isInstanceOf(BlockedException.class);

        HostPolicy both = HostPolicy.create(new NetworkRules(true, true, Set.of(), Set.of(), NetworkRules.DANGEROUS_PORTS), DNS);
        assertThat(both.check("imds6.example", 80, deadline).addresses()).hasSize(1);
        assertThat(both.check("private.example", 70, deadline).addresses()).hasSize(1);
        assertThat(NetworkRules.defaults().allowMetadataHosts()).isFalse();
        assertThat(new NetworkRules(true, Set.of(), Set.of(), Set.of()).allowMetadataHosts()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {2375, 2376, 2377, 2379, 2380, 6443, 10250, 10255, 10257, 10259, 8500, 8501, 8502, 8503, 8300,
        8301, 8302, 4646, 4647, 4648, 8200, 8201, 139, 1521, 2181, 5984, 5985, 5986, 9042, 26379})
    void check_controlPlaneAndOtherAddedPorts_areDeniedEvenWhenLocalHostsAndThePortAreAllowed(int port) {
        HostPolicy open = HostPolicy.create(new NetworkRules(true, true, Set.of(), Set.of(port), NetworkRules.DANGEROUS_PORTS),
                DNS);
        assertThatThrownBy(() -> open.check("loopback.example", port, deadline))
                .isInstanceOfSatisfying(BlockedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Port " + port + " (" + NetworkRules.DANGEROUS_PORT_SERVICES.get(port)
                            + ") is on the host policy's denylist of dangerous ports");
                    assertThat(e.details()).containsEntry("rule", "denied_port");
                });
        assertThatThrownBy(() -> open.checkWithoutResolving("loopback.example", port)).isInstanceOf(BlockedException.class);
    }

    @Test
    void dangerousPorts_keepGopherMcpsList_andNameEachService() {
        assertThat(NetworkRules.DANGEROUS_PORTS).contains(22, 23, 25, 110, 143, 445, 465, 587, 993, 995, 1433, 3306, 3389,
                5432, 5900, 6379, 9200, 11211, 27017);
        assertThat(List.copyOf(NetworkRules.DANGEROUS_PORT_SERVICES.keySet())).isSorted()
                .containsExactlyInAnyOrderElementsOf(NetworkRules.DANGEROUS_PORTS);
        assertThat(NetworkRules.DANGEROUS_PORT_SERVICES.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        assertThat(NetworkRules.DANGEROUS_PORTS).doesNotContain(70, 7070, 1965, 80, 443, 8080);
    }

    @Test
    void blockedErrors_nameTheRuleThatMatched() {
        HostPolicy ports = HostPolicy.create(new NetworkRules(false, Set.of(), Set.of(70), Set.of()), DNS);
        HostPolicy hosts = HostPolicy.create(new NetworkRules(false, Set.of("other.example"), Set.of(), Set.of()), DNS);
        assertThat(rule(() -> policy.check("public.example", 22, deadline))).isEqualTo("denied_port");
        assertThat(rule(() -> ports.check("public.example", 71, deadline))).isEqualTo("port_not_allowed");
        assertThat(rule(() -> hosts.check("public.example", 70, deadline))).isEqualTo("host_not_allowed");
        assertThat(rule(() -> policy.check("private.example", 70, deadline))).isEqualTo("non_public_address");
        assertThat(rule(() -> policy.check("metadata.example", 70, deadline))).isEqualTo("metadata_address");
        assertThat(rule(() -> policy.check("0.0.0.0", 70, deadline))).isEqualTo("never_allowed_address");
    }

    private static Object rule(Runnable call) {
        try {
            call.run();
        } catch (BlockedException e) {
            return e.details().get("rule");
        }
        throw new AssertionError("not blocked");
    }

    @Test
    void check_hostAllowlistExactAndWildcard() {
        HostPolicy p = HostPolicy.create(new NetworkRules(false, Set.of("public.example", "*.v6.example"), Set.of(),
                Set.of()), h -> h.endsWith("v6.example") ? DNS.resolve("v6.example") : DNS.resolve(h));
        assertThat(p.check("public.example", 70, deadline).addresses()).hasSize(1);
        assertThat(p.check("a.b.v6.example", 70, deadline).addresses()).hasSize(1);
        assertThatThrownBy(() -> p.check("v6.example.evil", 70, deadline)).isInstanceOf(BlockedException.class)
                .hasMessageContaining("not in the allowed hosts");
    }

    @Test
    void check_portAllowlistAndRange() {
        HostPolicy p = HostPolicy.create(new NetworkRules(false, Set.of(), Set.of(70), Set.of()), DNS);
        assertThat(p.check("public.example", 70, deadline).port()).isEqualTo(70);
        assertThatThrownBy(() -> p.check("public.example", 71, deadline)).isInstanceOf(BlockedException.class);
        assertThatThrownBy(() -> p.check("public.example", 0, deadline)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> p.check("public.example", 65536, deadline)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void check_unknownHostIsDnsError_notBlocked() {
        assertThatThrownBy(() -> policy.check("nowhere.example", 70, deadline))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.code()).isEqualTo("DNS_ERROR"));
    }

    @Test
    void check_slowResolverHitsTheDeadline() {
        HostPolicy slow = HostPolicy.create(NetworkRules.defaults(), h -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(ip("93.184.216.34"));
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.check("public.example", 70, Deadline.after(Duration.ofMillis(200))))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.code()).isEqualTo("TIMEOUT"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void checkWithoutResolving_rechecksRulesAndLiterals() {
        policy.checkWithoutResolving("public.example", 70);
        assertThatThrownBy(() -> policy.checkWithoutResolving("127.0.0.1", 70)).isInstanceOf(BlockedException.class);
        HostPolicy restricted = HostPolicy.create(new NetworkRules(false, Set.of("other.example"), Set.of(), Set.of()), DNS);
        assertThatThrownBy(() -> restricted.checkWithoutResolving("public.example", 70))
                .isInstanceOf(BlockedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad host", "a..b", "[zz::1]", "256.256.256.256", "exa_mple..org"})
    void normalizeHost_rejectsInvalidNames(String host) {
        assertThatThrownBy(() -> policy.check(host, 70, deadline)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void normalizeHost_punycodesInternationalNames() {
        assertThat(HostPolicy.normalizeHost("Bücher.Example")).isEqualTo("xn--bcher-kva.example");
    }
}
