package io.burrow.mcp.checks;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The compiled classes of every module of the build, each known by the module it was compiled in. */
final class BuildClasses {

    static final Path ROOT = Path.of(System.getProperty("burrow.repoRoot", "..")).toAbsolutePath().normalize();

    /** Modules that are not code: no boundaries, no API. */
    private static final List<String> NOT_CODE = List.of("mcp-bom", "packaging", "build-checks");

    private BuildClasses() {
    }

    /** The directories of the code modules, in name order. */
    static List<String> modules() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("src/main/java")))
                    .map(d -> d.getFileName().toString()).filter(m -> !NOT_CODE.contains(m)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main classes of {@code module}; fails if the module was not compiled. */
    static JavaClasses main(String module) {
        Path dir = ROOT.resolve(module).resolve("target/classes");
        if (!Files.isDirectory(dir)) {
            throw new AssertionError(dir + " is missing: build the modules first (mvn -B verify from the root)");
        }
        return new ClassFileImporter().importPath(dir);
    }

    /** Main and test classes of every code module (test classes where compiled). */
    static JavaClasses all() {
        List<Path> dirs = new ArrayList<>();
        for (String m : modules()) {
            main(m); // fails if missing
            dirs.add(ROOT.resolve(m).resolve("target/classes"));
            Path tests = ROOT.resolve(m).resolve("target/test-classes");
            if (Files.isDirectory(tests)) {
                dirs.add(tests);
            }
        }
        return new ClassFileImporter().importPaths(dirs);
    }

    /** The module a class was compiled in, or empty for a class from elsewhere (a library, the JDK). */
    static Optional<String> moduleOf(JavaClass c) {
        return c.getSource().filter(s -> "file".equals(s.getUri().getScheme()))
                .map(s -> Path.of(s.getUri()).toAbsolutePath().normalize()).filter(p -> p.startsWith(ROOT))
                .map(p -> ROOT.relativize(p).getName(0).toString());
    }

    /** Whether the class was compiled from {@code src/test}. */
    static boolean isTest(JavaClass c) {
        return c.getSource().map(s -> s.getUri().getPath().contains("/target/test-classes/")).orElse(false);
    }
}
