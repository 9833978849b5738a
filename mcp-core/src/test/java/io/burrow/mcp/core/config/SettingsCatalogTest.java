package io.burrow.mcp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SettingsCatalogTest {

    enum Mode { REJECT, TRUNCATE_TEXT }

    @SettingsGroup(prefix = "demo", envPrefix = "DEMO", title = "Demo")
    record DemoSettings(
            @Setting(value = "Timeout.", defaultValue = "30") @Positive @Max(300) int timeoutSeconds,
            @Setting(value = "Hosts.", aliases = "--host") List<String> allowedHosts,
            @Setting(value = "Ports.") Set<Integer> allowedPorts,
            @Setting(value = "Enabled.", defaultValue = "true") boolean cacheEnabled,
            @Setting(value = "Mode.", defaultValue = "truncate-text") Mode oversize,
            @Setting(value = "Token.", env = "DEMO_SECRET", secret = true) @Max(0) Integer token,
            @Setting(value = "A path.") Path dir) {
    }

    @SettingsGroup(prefix = "other", envPrefix = "OTHER", title = "Other")
    record OtherSettings(@Setting(value = "Size.", defaultValue = "5") @Positive long maxSize) {
    }

    private final SettingsCatalog catalog = SettingsCatalog.of(List.of(DemoSettings.class, OtherSettings.class));

    @Test
    void descriptors_deriveKeyEnvAndFlag() {
        SettingDescriptor d = catalog.byName("DEMO_TIMEOUT_SECONDS").orElseThrow();
        assertThat(d.key()).isEqualTo("demo.timeout-seconds");
        assertThat(d.flag()).isEqualTo("--demo-timeout-seconds");
        assertThat(catalog.byFlag("--host")).map(SettingDescriptor::key).hasValue("demo.allowed-hosts");
        assertThat(catalog.byName("DEMO_SECRET")).map(SettingDescriptor::key).hasValue("demo.token");
    }

    @Test
    void bind_defaults() {
        DemoSettings s = catalog.bind(ConfigSources.empty()).get(DemoSettings.class);
        assertThat(s.timeoutSeconds()).isEqualTo(30);
        assertThat(s.allowedHosts()).isEmpty();
        assertThat(s.cacheEnabled()).isTrue();
        assertThat(s.oversize()).isEqualTo(Mode.TRUNCATE_TEXT);
        assertThat(s.token()).isNull();
        assertThat(s.dir()).isNull();
    }

    @Test
    void bind_precedence_flagOverSystemOverEnvOverFile() {
        ConfigSources base = ConfigSources.empty().withFileValues(Map.of("demo.timeout-seconds", "1"));
        assertThat(catalog.bind(base).get(DemoSettings.class).timeoutSeconds()).isEqualTo(1);
        ConfigSources env = base.withEnv(Map.of("DEMO_TIMEOUT_SECONDS", "2"));
        assertThat(catalog.bind(env).get(DemoSettings.class).timeoutSeconds()).isEqualTo(2);
        ConfigSources sys = env.withSystemProperties(Map.of("demo.timeout-seconds", "3"));
        assertThat(catalog.bind(sys).get(DemoSettings.class).timeoutSeconds()).isEqualTo(3);
        ConfigSources flags = sys.withFlags(Map.of("demo.timeout-seconds", List.of("4")));
        assertThat(catalog.bind(flags).get(DemoSettings.class).timeoutSeconds()).isEqualTo(4);
    }

    @Test
    void bind_collectionsFromCommasAndRepeatedFlags() {
        DemoSettings s = catalog.bind(ConfigSources.empty()
                .withEnv(Map.of("DEMO_ALLOWED_PORTS", "70, 7070,70"))
                .withFlags(Map.of("demo.allowed-hosts", List.of("a.example", "b.example,c.example"))))
                .get(DemoSettings.class);
        assertThat(s.allowedHosts()).containsExactly("a.example", "b.example", "c.example");
        assertThat(s.allowedPorts()).containsExactlyInAnyOrder(70, 7070);
    }

    @Test
    void bind_reportsEveryViolationWithEnvNameAndValue() {
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of(
                "DEMO_TIMEOUT_SECONDS", "-5", "OTHER_MAX_SIZE", "0", "DEMO_CACHE_ENABLED", "maybe"))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.violations()).hasSize(2);
                    assertThat(e.violations()).anySatisfy(v -> assertThat(v)
                            .startsWith("DEMO_CACHE_ENABLED must be true or false, was maybe"));
                    assertThat(e.violations()).anySatisfy(v -> assertThat(v)
                            .startsWith("OTHER_MAX_SIZE must be greater than 0, was 0")
                            .contains("other.max-size").contains("--other-max-size"));
                });
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("DEMO_TIMEOUT_SECONDS", "-5"))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .singleElement().asString().startsWith("DEMO_TIMEOUT_SECONDS must be greater than 0, was -5"));
    }

    @Test
    void bind_secretValuesAreNeverEchoed() {
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("DEMO_SECRET", "12345"))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.violations()).singleElement().asString().startsWith("DEMO_SECRET");
                    assertThat(e.getMessage()).doesNotContain("12345");
                });
    }

    @Test
    void bind_badEnumNamesTheChoices() {
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("DEMO_OVERSIZE", "explode"))))
                .hasMessageContaining("DEMO_OVERSIZE must be one of reject|truncate-text, was explode");
    }

    @Test
    void withFile_readsPropertiesByKeyOrEnvName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("burrow.properties");
        Files.writeString(file, "demo.timeout-seconds=9\nOTHER_MAX_SIZE=7\n");
        Settings s = catalog.bind(ConfigSources.empty().withFile(file));
        assertThat(s.get(DemoSettings.class).timeoutSeconds()).isEqualTo(9);
        assertThat(s.get(OtherSettings.class).maxSize()).isEqualTo(7);
    }

    @Test
    void withFile_missingFileIsAConfigurationError(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigSources.empty().withFile(dir.resolve("nope.properties")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be read");
    }

    @SettingsGroup(prefix = "demo", envPrefix = "DEMO", title = "Clash")
    record Clash(@Setting("x") int timeoutSeconds) {
    }

    @Test
    void of_duplicateNamesFail() {
        assertThatThrownBy(() -> SettingsCatalog.of(List.of(DemoSettings.class, Clash.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
    }

    record NotAGroup(int x) {
    }

    @Test
    void of_unannotatedRecordFails() {
        assertThatThrownBy(() -> SettingsCatalog.of(List.of(NotAGroup.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@SettingsGroup");
    }

    @Test
    void bind_anIntegerTooLargeForItsType_isOutOfRange_notNotAnInteger() {
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("DEMO_TIMEOUT_SECONDS", "4611686018427387904"))))
                .hasMessageContaining("DEMO_TIMEOUT_SECONDS is out of range: must be at most 2147483647, was 4611686018427387904");
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("OTHER_MAX_SIZE", "-99999999999999999999"))))
                .hasMessageContaining("OTHER_MAX_SIZE is out of range: must be at least -9223372036854775808");
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("DEMO_TIMEOUT_SECONDS", "2.5"))))
                .hasMessageContaining("DEMO_TIMEOUT_SECONDS must be an integer, was 2.5");
    }
}
