package io.burrow.mcp.zim;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The committed ZIM fixtures (fixtures/zim at the repository root) and their libzim dumps. */
final class Fixtures {

    static final String[] VARIANTS = {"peer-test-small", "peer-test-small-xz", "peer-test-small-none",
        "peer-test-small-noft"};

    private Fixtures() {
    }

    static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("fixtures/zim"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("fixtures/zim not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("fixtures/zim");
    }

    static Path zim(String name) {
        return dir().resolve(name + ".zim");
    }

    static JsonNode libzim(String name) {
        try {
            return Json.parse(dir().resolve(name + ".libzim.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
