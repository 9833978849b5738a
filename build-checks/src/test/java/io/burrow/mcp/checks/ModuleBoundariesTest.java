package io.burrow.mcp.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries: a module's {@code internal} packages are its own (main and test code of every other module
 * stay out), each module's main code depends only on the modules drawn in docs/architecture.md, and no main code
 * uses the MCP Java SDK.
 */
final class ModuleBoundariesTest {

    /** Which modules each module's main code may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("mcp-core", Set.of()),
            Map.entry("mcp-protocol-gopher", Set.of("mcp-core")),
            Map.entry("mcp-protocol-gemini", Set.of("mcp-core")),
            Map.entry("mcp-gemini-store-postgres", Set.of("mcp-core", "mcp-protocol-gemini")),
            Map.entry("mcp-zim", Set.of("mcp-core", "mcp-launcher")),
            Map.entry("mcp-testkit", Set.of("mcp-core")),
            Map.entry("mcp-testkit-fakes", Set.of("mcp-core")),
            Map.entry("mcp-testkit-zim", Set.of("mcp-core")),
            Map.entry("interop-harness", Set.of("mcp-core")),
            Map.entry("mcp-launcher", Set.of("mcp-core")),
            Map.entry("mcp-server-stdio", Set.of("mcp-core", "mcp-launcher")),
            Map.entry("mcp-server-http", Set.of("mcp-core", "mcp-launcher")));

    private static JavaClasses classes;

    @BeforeAll
    static void importBuild() {
        classes = BuildClasses.all();
    }

    @Test
    void everyCodeModule_hasItsRulesHere() {
        assertThat(ALLOWED.keySet()).containsAll(BuildClasses.modules());
        assertThat(classes.size()).as("classes imported").isGreaterThan(500);
    }

    @Test
    void internalPackages_areUsedOnlyByTheirOwnModule() {
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : classes) {
            Optional<String> from = BuildClasses.moduleOf(c);
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                Optional<String> to = BuildClasses.moduleOf(target);
                if (to.isPresent() && !to.equals(from) && target.getPackageName().contains(".internal")) {
                    violations.add(from.orElse("?") + ": " + c.getName() + " uses " + target.getName());
                }
            }
        }
        assertThat(violations).as("uses of another module's internal packages").isEmpty();
    }

    @Test
    void mainCode_dependsOnlyOnTheModulesAllowed() {
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : classes) {
            Optional<String> from = BuildClasses.moduleOf(c);
            if (from.isEmpty() || BuildClasses.isTest(c)) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                Optional<String> to = BuildClasses.moduleOf(d.getTargetClass());
                if (to.isPresent() && !to.equals(from) && !ALLOWED.getOrDefault(from.get(), Set.of()).contains(to.get())) {
                    violations.add(from.get() + " -> " + to.get() + ": " + c.getName() + " uses " + d.getTargetClass().getName());
                }
            }
        }
        assertThat(violations).as("dependencies between modules not drawn in docs/architecture.md").isEmpty();
    }

    @Test
    void mainCode_doesNotUseTheMcpSdk() {
        List<String> violations = new ArrayList<>();
        for (JavaClass c : classes) {
            if (BuildClasses.isTest(c)) {
                continue;
            }
            c.getDirectDependenciesFromSelf().stream()
                    .filter(d -> d.getTargetClass().getPackageName().startsWith("io.modelcontextprotocol"))
                    .findFirst().ifPresent(d -> violations.add(c.getName() + " uses " + d.getTargetClass().getName()));
        }
        assertThat(violations).isEmpty();
    }
}
