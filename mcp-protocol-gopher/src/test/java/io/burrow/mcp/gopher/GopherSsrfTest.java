package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.code;
import static io.burrow.mcp.gopher.TestSupport.fetch;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.testkit.FakeNameResolver;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import io.burrow.mcp.testkit.ToolCallResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The host policy in front of every Gopher fetch, with a fake resolver. */
final class GopherSsrfTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final FakeNameResolver resolver = FakeNameResolver.create()
            .map("private.test", "10.1.2.3")
            .map("loopback.test", "127.0.0.1")
            .map("linklocal.test", "169.254.169.254")
            .map("mapped.test", "::ffff:127.0.0.1")
            .map("mapped-private.test", "::ffff:192.168.1.1")
            .map("ula.test", "fd00::1")
            .map("cgnat.test", "100.64.0.1")
            .map("mixed.test", "93.184.216.34", "10.0.0.1")
            .map("local.test", "127.0.0.1")
            .map("metadata.google.internal", "169.254.169.254")
            .map("ecs.test", "169.254.170.2")
            .map("imds6.test", "fd00:ec2::254")
            .map("mapped-metadata.test", "::ffff:169.254.169.254");

    private BurrowServer server = TestSupport.server(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "false"), resolver);

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"private.test", "loopback.test", "linklocal.test", "mapped.test", "mapped-private.test",
        "ula.test", "cgnat.test", "mixed.test"})
    void namesResolvingToNonPublicAddresses_areBlocked_withoutRevealingTheAddress(String host) {
        ToolCallResult r = fetch(server, "gopher://" + host + ":" + gopher.port() + "/");
        assertThat(code(r)).isEqualTo("BLOCKED");
        assertThat(r.toString()).doesNotContain("10.1.2.3", "169.254.169.254", "192.168.1.1", "fd00", "100.64",
                "10.0.0.1", "93.184.216.34");
        assertThat(structured(r).path("request_info").path("host").asText()).isEqualTo(host);
        assertThat(gopher.connectionCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "[::1]", "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]", "169.254.169.254", "0251.0376.0251.0376", "[fe80::1]", "10.0.0.1", "0.0.0.0", "[::]"})
    void ipLiteralsInEveryForm_areBlocked_withoutLookup(String host) {
        ToolCallResult r = fetch(server, "gopher://" + host + ":" + gopher.port() + "/");
        assertThat(code(r)).isEqualTo("BLOCKED");
        assertThat(resolver.lookups()).isZero();
        assertThat(gopher.connectionCount()).isZero();
    }

    @Test
    void dangerousPorts_areBlockedEvenWithLocalHostsAllowed() {
        server.close();
        server = TestSupport.server(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true"), resolver);
        for (int port : new int[] {22, 25, 6379, 5432, 2375, 2379, 6443, 8500, 10250, 10255}) {
            ToolCallResult r = fetch(server, "gopher://local.test:" + port + "/");
            assertThat(code(r)).as("port %d", port).isEqualTo("BLOCKED");
            assertThat(structured(r).path("error").path("rule").asText()).isEqualTo("denied_port");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.google.internal", "ecs.test", "imds6.test", "mapped-metadata.test", "169.254.169.254",
        "[fd00:ec2::254]", "100.100.100.200", "[::ffff:169.254.169.254]", "[64:ff9b::a9fe:a9fe]"})
    void metadataAddresses_areBlockedWithLocalHostsAllowed_unlessAllowedExplicitly(String host) {
        server.close();
        server = TestSupport.server(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true"), resolver);
        ToolCallResult r = fetch(server, "gopher://" + host + ":" + gopher.port() + "/");
        assertThat(code(r)).isEqualTo("BLOCKED");
        assertThat(structured(r).path("error").path("rule").asText()).isEqualTo("metadata_address");
        assertThat(structured(r).path("error").path("message").asText()).contains("cloud metadata");
        assertThat(structured(r).path("error").path("hint").asText()).contains("ALLOW_METADATA_HOSTS");
        if (!host.contains("169.254") && !host.contains(":") && !host.contains("100.100")) {
            assertThat(r.toString()).doesNotContain("169.254", "fd00", "a9fe");
        }
        assertThat(gopher.connectionCount()).isZero();
    }

    @Test
    void hostAllowlist_blocksOtherHosts_andAllowsListedOnes() {
        server.close();
        server = TestSupport.server(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true", "GOPHER_ALLOWED_HOSTS", "LOCAL.test"),
                resolver);
        gopher.enqueue(GopherResponse.text("ok"));
        assertThat(code(fetch(server, "gopher://127.0.0.1:" + gopher.port() + "/"))).isEqualTo("BLOCKED");
        ToolCallResult allowed = fetch(server, "gopher://local.test:" + gopher.port() + "/0/x");
        assertThat(allowed.isError()).isFalse();
        assertThat(structured(allowed).path("text").asText()).isEqualTo("ok");
    }

    @Test
    void portAllowlist_blocksOtherPorts() {
        server.close();
        server = TestSupport.server(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true", "GOPHER_ALLOWED_PORTS", "70,7070"), resolver);
        ToolCallResult r = fetch(server, "gopher://local.test:" + gopher.port() + "/");
        assertThat(code(r)).isEqualTo("BLOCKED");
        assertThat(structured(r).path("error").path("message").asText()).contains("not in the allowed ports");
    }

    @Test
    void allowedName_connectsToTheCheckedAddress_resolvingOnce() throws Exception {
        server.close();
        server = TestSupport.server(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true", "GOPHER_CACHE_ENABLED", "false"), resolver);
        gopher.enqueue(GopherResponse.text("via the checked address"));
        // local.test exists only in the fake resolver: a second, system lookup would fail
        ToolCallResult r = fetch(server, "gopher://local.test:" + gopher.port() + "/0/x");
        assertThat(structured(r).path("text").asText()).isEqualTo("via the checked address");
        assertThat(resolver.lookups()).isEqualTo(1);
        assertThat(gopher.takeRequest().selector()).isEqualTo("/x");
    }

    @Test
    void unresolvableName_isDnsError() {
        ToolCallResult r = fetch(server, "gopher://nowhere.test/");
        assertThat(code(r)).isEqualTo("DNS_ERROR");
        assertThat(structured(r).path("error").path("message").asText()).isEqualTo("Could not resolve host nowhere.test");
    }
}
