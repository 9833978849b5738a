package io.burrow.mcp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SettingsPartTest {

    @SettingsPart
    record Shared(
            @Setting(value = "Deadline of one {title} fetch; see {ENV}_RETRIES and {prefix}_fetch.", defaultValue = "30")
            @Min(1) @Max(300) int timeoutSeconds,
            @Setting("Ports.") Set<@Min(value = 1, message = "entries must be 1-65535") Integer> allowedPorts) {

        Shared {
            if (allowedPorts != null && allowedPorts.contains(13)) {
                throw new IllegalArgumentException("{ENV}_ALLOWED_PORTS must not hold 13");
            }
        }
    }

    @SettingsGroup(prefix = "alpha", envPrefix = "ALPHA", title = "Alpha")
    record AlphaSettings(Shared network, @Setting(value = "Retries.", defaultValue = "2") @Min(0) int retries) {
    }

    @SettingsGroup(prefix = "beta", envPrefix = "BETA", title = "Beta")
    record BetaSettings(@Setting(value = "Mode.", defaultValue = "x") String mode, Shared network) {
    }

    private final SettingsCatalog catalog = SettingsCatalog.of(List.of(AlphaSettings.class, BetaSettings.class));

    @Test
    void aPart_isBoundUnderEveryGroupsNames_withItsPlaceholdersFilledIn() {
        assertThat(catalog.descriptors()).extracting(SettingDescriptor::env).containsExactly("ALPHA_TIMEOUT_SECONDS",
                "ALPHA_ALLOWED_PORTS", "ALPHA_RETRIES", "BETA_MODE", "BETA_TIMEOUT_SECONDS", "BETA_ALLOWED_PORTS");
        SettingDescriptor beta = catalog.byName("beta.timeout-seconds").orElseThrow();
        assertThat(beta.flag()).isEqualTo("--beta-timeout-seconds");
        assertThat(beta.defaultValue()).isEqualTo("30");
        assertThat(beta.description()).isEqualTo("Deadline of one Beta fetch; see BETA_RETRIES and beta_fetch.");

        Settings s = catalog.bind(ConfigSources.empty().withEnv(Map.of("ALPHA_TIMEOUT_SECONDS", "7",
                "BETA_ALLOWED_PORTS", "70,1965")));
        assertThat(s.get(AlphaSettings.class)).isEqualTo(new AlphaSettings(new Shared(7, Set.of()), 2));
        assertThat(s.get(BetaSettings.class).network()).isEqualTo(new Shared(30, Set.of(70, 1965)));
    }

    @Test
    void aPartsViolations_areReportedUnderTheGroupsNames() {
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("ALPHA_TIMEOUT_SECONDS", "0",
                "BETA_TIMEOUT_SECONDS", "x", "BETA_ALLOWED_PORTS", "0"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALPHA_TIMEOUT_SECONDS must be greater than or equal to 1, was 0")
                .hasMessageContaining("BETA_TIMEOUT_SECONDS")
                .hasMessageNotContaining("BETA_ALLOWED_PORTS"); // BETA's part did not convert, so it is not validated
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("BETA_ALLOWED_PORTS", "0"))))
                .hasMessageContaining("BETA_ALLOWED_PORTS entries must be 1-65535");
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("ALPHA_ALLOWED_PORTS", "13"))))
                .hasMessageContaining("Alpha settings: ALPHA_ALLOWED_PORTS must not hold 13");
    }

    @SettingsPart
    record Overriding(@Setting(value = "Own name.", env = "FIXED_NAME") int x) {
    }

    @SettingsGroup(prefix = "gamma", envPrefix = "GAMMA", title = "Gamma")
    record GammaSettings(Overriding part) {
    }

    @Test
    void aPartsSetting_cannotNameItsOwnVariable() {
        assertThatThrownBy(() -> SettingsCatalog.of(List.of(GammaSettings.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("env() is not allowed");
    }
}
