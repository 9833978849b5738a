package io.burrow.mcp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The built-in constraint checks give what Hibernate Validator gives, and leave what they do not know to it. */
final class ConstraintChecksTest {

    record Standard(
            @Min(0) @Max(65535) int port,
            @Min(1) @Max(68719476736L) long bytes,
            @Min(0) @Max(10) Integer maybe,
            @NotBlank String host,
            @NotNull String required,
            @NotEmpty List<String> some,
            @Positive int positive,
            @PositiveOrZero long positiveOrZero,
            @Negative int negative,
            @Pattern(regexp = "trace|debug|info", message = "must be one of trace, debug, info") String level,
            @Pattern(regexp = "[a-z]+") String name,
            @Size(min = 2, max = 4) String token,
            @Size(min = 1, max = 2, message = "{min} to {max} entries") List<String> few,
            @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
            @DecimalMax(value = "300", message = "must be <= 300") double seconds,
            List<@NotNull @Pattern(regexp = "[a-z]+/[a-z*]+", message = "entries must be 'type/subtype'") String> types,
            Set<@Min(value = 1, message = "entries must be 1-65535") Integer> ports) {
    }

    private static final Validator HIBERNATE = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private static Set<String> hibernate(Record r) {
        Set<String> out = new TreeSet<>();
        for (ConstraintViolation<Record> v : HIBERNATE.validate(r)) {
            String path = v.getPropertyPath().toString();
            int cut = path.indexOf('[');
            out.add((cut < 0 ? path : path.substring(0, cut)) + ": " + v.getMessage() + " / " + v.getInvalidValue());
        }
        return out;
    }

    private static Set<String> builtIn(Record r) {
        @SuppressWarnings("unchecked")
        ConstraintChecks.Plan plan = ConstraintChecks.planOf((Class<? extends Record>) r.getClass());
        assertThat(plan.supported()).isTrue();
        Set<String> out = new TreeSet<>();
        for (ConstraintChecks.Violation v : ConstraintChecks.validate(plan, r)) {
            out.add(v.component() + ": " + v.message() + " / " + v.invalidValue());
        }
        return out;
    }

    @Test
    void validRecord_hasNoViolations() {
        Standard ok = new Standard(80, 1, null, "h", "r", List.of("x"), 1, 0, -1, "info", "abc", "abc", List.of("a"),
                30, List.of("text/plain"), Set.of(70));
        assertThat(builtIn(ok)).isEmpty();
        assertThat(hibernate(ok)).isEmpty();
    }

    @Test
    void everyViolation_matchesHibernateValidator() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        try {
            Standard bad = new Standard(70000, 68719476737L, -1, " ", null, List.of(), 0, -1, 0, "loud", "A1", "a",
                    List.of("a", "b", "c"), 0, java.util.Arrays.asList("text/plain", "bad", null), Set.of(0, 5));
            Set<String> expected = hibernate(bad);
            assertThat(expected).hasSize(17);
            assertThat(builtIn(bad)).isEqualTo(expected);
            Standard edges = new Standard(-1, 0, 11, null, "r", null, -5, 0, 5, null, null, null, null, 300.5,
                    List.of(), Set.of());
            assertThat(builtIn(edges)).isEqualTo(hibernate(edges)).isNotEmpty();
            Standard nan = new Standard(0, 1, null, "h", "r", List.of("x"), 1, 0, -1, null, null, null, null,
                    Double.NaN, List.of(), Set.of());
            assertThat(builtIn(nan)).isEqualTo(hibernate(nan)).hasSize(2);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void coreSettings_needNoHibernateValidator() {
        assertThat(ConstraintChecks.planOf(io.burrow.mcp.core.ServerSettings.class).supported()).isTrue();
        assertThat(ConstraintChecks.planOf(io.burrow.mcp.core.fetch.NetworkSettings.class).supported()).isTrue();
        assertThat(ConstraintChecks.planOf(io.burrow.mcp.core.fetch.RobotsSettings.class).supported()).isTrue();
    }

    record WithEmail(@Email String mail) {
    }

    record WithMethodConstraint(int low, int high) {
        @AssertTrue(message = "low must not exceed high")
        public boolean isOrdered() {
            return low <= high;
        }
    }

    record WithDefaultDecimalMessage(@DecimalMin("1") int n) {
    }

    record WithGroups(@Min(value = 1, groups = Set.class) int n) {
    }

    @Test
    void unknownConstraints_areLeftToHibernateValidator() {
        assertThat(ConstraintChecks.planOf(WithEmail.class).supported()).isFalse();
        assertThat(ConstraintChecks.planOf(WithMethodConstraint.class).supported()).isFalse();
        assertThat(ConstraintChecks.planOf(WithDefaultDecimalMessage.class).supported()).isFalse();
        assertThat(ConstraintChecks.planOf(WithGroups.class).supported()).isFalse();
    }

    @SettingsGroup(prefix = "mail", envPrefix = "MAIL", title = "Mail")
    record MailSettings(@Setting("Address.") @Email String address, @Setting(value = "Low.", defaultValue = "1") int low,
            @Setting(value = "High.", defaultValue = "2") int high) {
        @AssertTrue(message = "low must not exceed high")
        public boolean isOrdered() {
            return low <= high;
        }
    }

    @Test
    void bind_withAnUnknownConstraint_stillReportsItsViolations() {
        SettingsCatalog catalog = SettingsCatalog.of(List.of(MailSettings.class));
        assertThatThrownBy(() -> catalog.bind(ConfigSources.empty().withEnv(Map.of("MAIL_ADDRESS", "not an address",
                "MAIL_LOW", "5"))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations()).containsExactly(
                        "MAIL_ADDRESS must be a well-formed email address, was not an address (setting mail.address, "
                                + "flag --mail-address, from environment)",
                        "Mail settings: low must not exceed high"));
    }
}
