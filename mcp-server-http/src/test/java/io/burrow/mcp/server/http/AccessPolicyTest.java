package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class AccessPolicyTest {

    private static final HttpSettings DEFAULTS = HttpSettings.defaults();

    @Test
    void loopbackServer_acceptsOnlyLoopbackHostNames() {
        AccessPolicy p = AccessPolicy.of(DEFAULTS, "127.0.0.1", false);

        assertThat(p.hostAllowed("127.0.0.1:8080")).isTrue();
        assertThat(p.hostAllowed("localhost")).isTrue();
        assertThat(p.hostAllowed("LOCALHOST.:9")).isTrue();
        assertThat(p.hostAllowed("[::1]:8080")).isTrue();
        assertThat(p.hostAllowed("evil.example.com")).isFalse();
        assertThat(p.hostAllowed("localhost.evil.example.com")).isFalse();
        assertThat(p.hostAllowed("127.0.0.1:99999")).isFalse();
        assertThat(p.hostAllowed("user@localhost")).isFalse();
        assertThat(p.hostAllowed(null)).isFalse();
        assertThat(p.hostAllowed("")).isFalse();
    }

    @Test
    void specificAddress_isAcceptedAsHost_wildcardAcceptsAny() {
        assertThat(AccessPolicy.of(DEFAULTS, "10.1.2.3", false).hostAllowed("10.1.2.3:8080")).isTrue();
        assertThat(AccessPolicy.of(DEFAULTS, "10.1.2.3", false).hostAllowed("10.1.2.4:8080")).isFalse();
        assertThat(AccessPolicy.of(DEFAULTS, "0.0.0.0", true).hostAllowed("mcp.internal:8080")).isTrue();
    }

    @Test
    void configuredHosts_replaceTheDefaults_withOptionalPorts() {
        AccessPolicy p = AccessPolicy.of(DEFAULTS.toBuilder().allowedHosts(List.of("mcp.example.com", "api.example.com:8443")).build(),
                "127.0.0.1", false);

        assertThat(p.hostAllowed("mcp.example.com")).isTrue();
        assertThat(p.hostAllowed("MCP.example.com:443")).isTrue();
        assertThat(p.hostAllowed("api.example.com:8443")).isTrue();
        assertThat(p.hostAllowed("api.example.com:8080")).isFalse();
        assertThat(p.hostAllowed("localhost:8080")).isFalse();
        assertThat(AccessPolicy.of(DEFAULTS.toBuilder().allowedHosts(List.of("*")).build(), "127.0.0.1", false).hostAllowed("x"))
                .isTrue();
    }

    @Test
    void origins_loopbackAlwaysAllowed_othersOnlyWhenListed() {
        AccessPolicy p = AccessPolicy.of(DEFAULTS.toBuilder().allowedOrigins(List.of("https://app.example.com",
                "http://tools.example.com:*")).build(), "127.0.0.1", false);

        assertThat(p.originAllowed(null)).isTrue();
        assertThat(p.originAllowed("http://localhost:6274")).isTrue();
        assertThat(p.originAllowed("https://127.0.0.1")).isTrue();
        assertThat(p.originAllowed("http://[::1]:3000")).isTrue();
        assertThat(p.originAllowed("https://app.example.com")).isTrue();
        assertThat(p.originAllowed("https://app.example.com:443")).isTrue();
        assertThat(p.originAllowed("https://app.example.com:8443")).isFalse();
        assertThat(p.originAllowed("http://app.example.com")).isFalse();
        assertThat(p.originAllowed("http://tools.example.com:1234")).isTrue();
        assertThat(p.originAllowed("http://evil.example.com")).isFalse();
        assertThat(p.originAllowed("http://localhost.evil.example.com")).isFalse();
        assertThat(p.originAllowed("null")).isFalse();
        assertThat(p.originAllowed("file://")).isFalse();
        assertThat(p.originAllowed("http://localhost/path")).isFalse();
    }

    @Test
    void malformedOriginEntry_isRejected() {
        assertThatThrownBy(() -> AccessPolicy.of(DEFAULTS.toBuilder().allowedOrigins(List.of("example.com")).build(), "127.0.0.1", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bearerToken_exactMatchOnly() {
        AccessPolicy p = AccessPolicy.of(DEFAULTS.toBuilder().authToken("s3cret-token-0123456789").build(), "127.0.0.1", false);

        assertThat(p.requiresToken()).isTrue();
        assertThat(p.authenticate("Bearer s3cret-token-0123456789")).isEqualTo(AccessPolicy.Auth.OK);
        assertThat(p.authenticate("bearer   s3cret-token-0123456789 ")).isEqualTo(AccessPolicy.Auth.OK);
        assertThat(p.authenticate("Bearer s3cret-token-012345678")).isEqualTo(AccessPolicy.Auth.INVALID);
        assertThat(p.authenticate("Bearer S3CRET-TOKEN-0123456789")).isEqualTo(AccessPolicy.Auth.INVALID);
        assertThat(p.authenticate("Basic czNjcmV0")).isEqualTo(AccessPolicy.Auth.MISSING);
        assertThat(p.authenticate(null)).isEqualTo(AccessPolicy.Auth.MISSING);
        assertThat(AccessPolicy.of(DEFAULTS, "127.0.0.1", false).authenticate(null)).isEqualTo(AccessPolicy.Auth.OK);
    }

    @Test
    void clientId_hashesTheTokenAndFallsBackToTheAddress() {
        String a = AccessPolicy.clientId("Bearer token-a-0123456789abcdef", "10.0.0.1");
        String b = AccessPolicy.clientId("Bearer token-b-0123456789abcdef", "10.0.0.1");

        assertThat(a).startsWith("token:").doesNotContain("token-a").isNotEqualTo(b);
        assertThat(AccessPolicy.clientId("Bearer token-a-0123456789abcdef", "10.9.9.9")).isEqualTo(a);
        assertThat(AccessPolicy.clientId(null, "10.0.0.1")).isEqualTo("ip:10.0.0.1");
    }
}
