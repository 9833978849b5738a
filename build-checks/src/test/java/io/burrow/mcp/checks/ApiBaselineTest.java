package io.burrow.mcp.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public API of every module, written out in {@code build-checks/api/<module>.api}: each public type outside
 * {@code internal} packages, with its public and protected members. A change of the API fails the build until the
 * file is regenerated, so API changes are made on purpose and show in review:
 * {@code mvn -B verify -pl build-checks -am -Dtest=ApiBaselineTest -Dsurefire.failIfNoSpecifiedTests=false -Dburrow.updateApi=true}.
 */
final class ApiBaselineTest {

    private static final Path BASELINES = BuildClasses.ROOT.resolve("build-checks/api");

    @TestFactory
    List<DynamicTest> publicApi_matchesItsBaseline() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String module : BuildClasses.modules()) {
            tests.add(DynamicTest.dynamicTest(module, () -> check(module)));
        }
        return tests;
    }

    private static void check(String module) throws IOException {
        String actual = dump(module);
        Path baseline = BASELINES.resolve(module + ".api");
        if (Boolean.getBoolean("burrow.updateApi")) {
            Files.createDirectories(BASELINES);
            Files.writeString(baseline, actual);
            return;
        }
        assertThat(baseline).as("the API baseline of %s; create it with -Dburrow.updateApi=true", module).exists();
        String expected = Files.readString(baseline);
        if (!expected.equals(actual)) {
            Set<String> was = new LinkedHashSet<>(expected.lines().toList());
            Set<String> is = new LinkedHashSet<>(actual.lines().toList());
            String removed = was.stream().filter(l -> !is.contains(l)).map(l -> "- " + l).collect(Collectors.joining("\n"));
            String added = is.stream().filter(l -> !was.contains(l)).map(l -> "+ " + l).collect(Collectors.joining("\n"));
            throw new AssertionError("The public API of " + module + " changed:\n" + removed + "\n" + added
                    + "\nIf on purpose, regenerate build-checks/api with -Dburrow.updateApi=true (see ApiBaselineTest).");
        }
    }

    /** The module's API, one line per type and member, sorted. */
    static String dump(String module) {
        TreeMap<String, List<String>> types = new TreeMap<>();
        for (JavaClass c : BuildClasses.main(module)) {
            if (!isApi(c)) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (JavaField f : c.getFields()) {
                if (visible(f.getModifiers())) {
                    members.add(modifiers(f.getModifiers()) + name(f.getType()) + " " + f.getName());
                }
            }
            for (JavaCodeUnit u : c.getCodeUnits()) {
                if (visible(u.getModifiers()) && !u.getModifiers().contains(JavaModifier.SYNTHETIC)
                        && !u.getModifiers().contains(JavaModifier.BRIDGE) && !u.getName().equals("<clinit>")) {
                    String params = u.getParameterTypes().stream().map(ApiBaselineTest::name).collect(Collectors.joining(", "));
                    members.add(modifiers(u.getModifiers()) + (u.isConstructor() ? "" : name(u.getReturnType()) + " ")
                            + (u.isConstructor() ? "<init>" : u.getName()) + "(" + params + ")");
                }
            }
            members.sort(null);
            types.put(typeLine(c), members);
        }
        StringBuilder out = new StringBuilder();
        types.forEach((type, members) -> {
            out.append(type).append('\n');
            members.forEach(m -> out.append("  ").append(m).append('\n'));
        });
        return out.toString();
    }

    private static boolean isApi(JavaClass c) {
        if (c.getPackageName().contains(".internal") || c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        for (JavaClass t = c; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static String typeLine(JavaClass c) {
        String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum"
                : c.isRecord() ? "record" : "class";
        Set<JavaModifier> mods = new java.util.TreeSet<>(c.getModifiers());
        if (c.isInterface() || c.isEnum() || c.isRecord()) {
            mods.remove(JavaModifier.ABSTRACT);
            mods.remove(JavaModifier.FINAL);
        }
        StringBuilder line = new StringBuilder(modifiers(mods)).append(kind).append(' ').append(c.getName());
        c.getRawSuperclass().filter(s -> !s.getName().equals("java.lang.Object") && !s.getName().equals("java.lang.Enum")
                && !s.getName().equals("java.lang.Record")).ifPresent(s -> line.append(" extends ").append(s.getName()));
        List<String> interfaces = c.getRawInterfaces().stream().map(JavaClass::getName)
                .filter(n -> !n.equals("java.lang.annotation.Annotation")).sorted().toList();
        if (!interfaces.isEmpty()) {
            line.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return line.toString();
    }

    private static String modifiers(Set<JavaModifier> modifiers) {
        StringBuilder s = new StringBuilder();
        for (JavaModifier m : List.of(JavaModifier.PUBLIC, JavaModifier.PROTECTED, JavaModifier.STATIC,
                JavaModifier.ABSTRACT, JavaModifier.FINAL)) {
            if (modifiers.contains(m)) {
                s.append(m.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
            }
        }
        return s.toString();
    }

    private static String name(JavaType type) {
        return type instanceof JavaClass c && c.isArray() ? name(c.getComponentType()) + "[]" : type.getName();
    }
}
