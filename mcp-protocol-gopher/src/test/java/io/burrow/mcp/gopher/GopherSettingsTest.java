package io.burrow.mcp.gopher;

import io.burrow.mcp.gopher.tools.GopherSettings;
import io.burrow.mcp.gopher.tools.GopherModule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BlockedException;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.core.net.NetworkRules;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class GopherSettingsTest {

    private static final SettingsCatalog CATALOG = SettingsCatalog.of(List.of(GopherSettings.class));

    @Test
    void everyGopherMcpVariable_isASetting() {
        List<String> env = CATALOG.descriptors().stream().map(SettingDescriptor::env).toList();
        assertThat(env).contains("GOPHER_MAX_RESPONSE_SIZE", "GOPHER_TIMEOUT_SECONDS", "GOPHER_CACHE_ENABLED",
                "GOPHER_CACHE_TTL_SECONDS", "GOPHER_MAX_CACHE_ENTRIES", "GOPHER_ALLOWED_HOSTS", "GOPHER_ALLOWED_PORTS",
                "GOPHER_ALLOW_LOCAL_HOSTS", "GOPHER_MAX_SELECTOR_LENGTH", "GOPHER_MAX_SEARCH_LENGTH",
                "GOPHER_MAX_RENDERED_CHARS", "GOPHER_MAX_MENU_ITEMS", "GOPHER_REQUESTS_PER_MINUTE",
                "GOPHER_MAX_CONCURRENT_REQUESTS", "GOPHER_OVERSIZE");
        assertThat(CATALOG.descriptors()).allSatisfy(d -> assertThat(d.description()).hasSizeGreaterThan(20));
    }

    @Test
    void defaults_matchGopherMcp() {
        GopherSettings s = CATALOG.bind(ConfigSources.empty()).get(GopherSettings.class);
        assertThat(s).isEqualTo(GopherSettings.defaults());
        assertThat(s.network().maxResponseSize()).isEqualTo(1048576);
        assertThat(s.network().timeoutSeconds()).isEqualTo(30.0);
        assertThat(s.network().allowLocalHosts()).isFalse();
        assertThat(s.network().allowMetadataHosts()).isFalse();
    }

    @Test
    void allowMetadataHosts_isASeparateSettingOffByDefault_thatAllowingLocalHostsDoesNotImply() throws Exception {
        assertThat(CATALOG.descriptors()).anySatisfy(d -> {
            assertThat(d.env()).isEqualTo("GOPHER_ALLOW_METADATA_HOSTS");
            assertThat(d.defaultValue()).isEqualTo("false");
        });
        NameResolver metadata = h -> List.of(InetAddress.getByName("169.254.169.254"));

        GopherSettings local = CATALOG.bind(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true")))
                .get(GopherSettings.class);
        assertThat(local.network().allowMetadataHosts()).isFalse();
        assertThatThrownBy(() -> HostPolicy.create(local.network().networkRules(), metadata)
                .check("metadata.google.internal", 70, Deadline.after(Duration.ofSeconds(30)))).isInstanceOf(BlockedException.class);

        GopherSettings both = CATALOG.bind(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                "GOPHER_ALLOW_METADATA_HOSTS", "true"))).get(GopherSettings.class);
        assertThat(both.network().allowMetadataHosts()).isTrue();
        assertThat(HostPolicy.create(both.network().networkRules(), metadata).check("metadata.google.internal", 70,
                Deadline.after(Duration.ofSeconds(30))).addresses()).hasSize(1);
        assertThat(both.network().networkRules().deniedPorts()).isEqualTo(NetworkRules.DANGEROUS_PORTS);
    }

    @Test
    void valuesFromEnvironment_areBound() {
        GopherSettings s = CATALOG.bind(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOWED_HOSTS", "a.org, *.b.org",
                "GOPHER_ALLOWED_PORTS", "70,7070", "GOPHER_OVERSIZE", "REJECT", "GOPHER_TIMEOUT_SECONDS", "2.5")))
                .get(GopherSettings.class);
        assertThat(s.network().allowedHosts()).containsExactlyInAnyOrder("a.org", "*.b.org");
        assertThat(s.network().allowedPorts()).containsExactlyInAnyOrder(70, 7070);
        assertThat(s.oversize()).isEqualTo(GopherSettings.Oversize.REJECT);
        assertThat(s.network().timeoutSeconds()).isEqualTo(2.5);
    }

    @Test
    void invalidValues_areAllReportedByEnvironmentName() {
        assertThatThrownBy(() -> CATALOG.bind(ConfigSources.empty().withEnv(Map.of("GOPHER_TIMEOUT_SECONDS", "-5",
                "GOPHER_MAX_RESPONSE_SIZE", "10", "GOPHER_MAX_MENU_ITEMS", "0"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GOPHER_TIMEOUT_SECONDS must be > 0, was -5")
                .hasMessageContaining("GOPHER_MAX_RESPONSE_SIZE")
                .hasMessageContaining("GOPHER_MAX_MENU_ITEMS");
        assertThatThrownBy(() -> CATALOG.bind(ConfigSources.empty().withEnv(Map.of("GOPHER_OVERSIZE", "explode"))))
                .hasMessageContaining("GOPHER_OVERSIZE must be one of truncate|reject");
        assertThatThrownBy(() -> CATALOG.bind(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOWED_HOSTS", "bad host!"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("GOPHER_ALLOWED_HOSTS");
        assertThatThrownBy(() -> CATALOG.bind(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOWED_PORTS", "0"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("GOPHER_ALLOWED_PORTS");
    }

    @Test
    void module_isDiscoveredWithServiceLoader() {
        assertThat(BurrowServer.discoverModules()).anyMatch(m -> m instanceof GopherModule);
        try (BurrowServer server = BurrowServer.builder().discoverModules().build()) {
            assertThat(server.modules()).contains("gopher");
            assertThat(server.tools()).extracting(t -> t.name()).contains("gopher_fetch", "gopher_batch_fetch");
        }
    }
}
