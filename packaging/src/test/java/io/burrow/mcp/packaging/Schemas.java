package io.burrow.mcp.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The committed schemas (pinned by checksum), the files under test, and a draft-07 validator. */
final class Schemas {

    static final String REGISTRY_SCHEMA = "mcp-registry-server-2025-12-11.schema.json";
    static final String REGISTRY_SCHEMA_SHA256 = "3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0";
    static final String MCPB_SCHEMA = "mcpb-manifest-v0.3.schema.json";
    static final String MCPB_SCHEMA_SHA256 = "3a0ac9d845711a1b9b17dfa5a52f8b60628239d6a86a9db417206a9efc78592d";
    static final String KUBERNETES_SCHEMA = "kubernetes-1.23-strict.json";

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getDraft7(),
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private Schemas() {
    }

    static Path repoRoot() {
        String root = System.getProperty("burrow.repoRoot");
        Path p = root != null ? Path.of(root) : Path.of("..");
        if (!Files.isDirectory(p.resolve("packaging"))) {
            p = Path.of("..");   // run from the module directory without the property
        }
        return p.toAbsolutePath().normalize();
    }

    static String projectVersion() {
        String v = System.getProperty("burrow.version");
        if (v != null) {
            return v;
        }
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(read(repoRoot().resolve("pom.xml")));
        return m.find() ? m.group(1) : "unknown";
    }

    static Path schemaFile(String name) {
        return repoRoot().resolve("packaging/src/test/resources/schemas").resolve(name);
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file, empty documents skipped. */
    static List<JsonNode> yamlDocuments(Path p) {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(p.toFile())) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Schema compile(JsonNode schema) {
        return REGISTRY.getSchema(schema);
    }

    /** Validation errors as "instance-location: message" lines; empty when the instance is valid. */
    static List<String> errors(Schema schema, JsonNode instance) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(instance)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /** The schema of one definition of a document with "definitions" (the document with a root $ref to it). */
    static Schema definition(JsonNode document, String id) {
        ObjectNode root = document.deepCopy();
        root.put("$ref", "#/definitions/" + id);
        return compile(root);
    }

    /** The environment variable names of docs/configuration.md (the generated settings reference). */
    static Set<String> documentedSettings() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|").matcher(read(repoRoot().resolve("docs/configuration.md")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
