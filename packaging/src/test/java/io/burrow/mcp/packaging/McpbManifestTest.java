package io.burrow.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * packaging/mcpb/manifest.json against the MCP bundle schema (manifest 0.3, from @anthropic-ai/mcpb 2.1.2), and
 * its wiring: every environment variable it sets is a Burrow setting, every ${user_config.x} exists, the entry
 * point and the icons are there. The bundle itself is packed and run by scripts/mcpb/build-bundle.sh.
 */
final class McpbManifestTest {

    private static final Path DIR = Schemas.repoRoot().resolve("packaging/mcpb");
    private static final Path SCHEMA = Schemas.schemaFile(Schemas.MCPB_SCHEMA);
    private static final Pattern USER_CONFIG = Pattern.compile("\\$\\{user_config\\.([a-z_]+)}");

    private static ObjectNode manifest() {
        return (ObjectNode) Schemas.json(DIR.resolve("manifest.json"));
    }

    private static Schema schema() {
        return Schemas.compile(Schemas.json(SCHEMA));
    }

    @Test
    void manifest_isValidBinaryBundleManifest() {
        assertThat(Schemas.sha256(SCHEMA)).isEqualTo(Schemas.MCPB_SCHEMA_SHA256);
        ObjectNode m = manifest();
        assertThat(Schemas.errors(schema(), m)).isEmpty();
        assertThat(m.path("server").path("type").asText()).isEqualTo("binary");
        assertThat(m.path("version").asText()).isEqualTo(Schemas.projectVersion());
    }

    @Test
    void brokenManifest_isRejected() {
        ObjectNode javaType = manifest();
        ((ObjectNode) javaType.path("server")).put("type", "java");
        assertThat(Schemas.errors(schema(), javaType)).isNotEmpty();

        ObjectNode badSetting = manifest();
        ((ObjectNode) badSetting.path("user_config").path("zim_directories")).put("type", "folder");
        assertThat(Schemas.errors(schema(), badSetting)).isNotEmpty();

        ObjectNode noEntryPoint = manifest();
        ((ObjectNode) noEntryPoint.path("server")).remove("entry_point");
        assertThat(Schemas.errors(schema(), noEntryPoint)).isNotEmpty();
    }

    @Test
    void environment_namesBurrowSettingsAndDeclaredUserConfig() {
        ObjectNode m = manifest();
        Set<String> settings = Schemas.documentedSettings();
        assertThat(settings).contains("ZIM_DIRECTORIES", "GOPHER_ALLOWED_HOSTS");   // the reference was parsed
        JsonNode config = m.path("server").path("mcp_config");
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("env").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(settings).as("env %s is a setting in docs/configuration.md", e.getKey()).contains(e.getKey());
        }
        Matcher uc = USER_CONFIG.matcher(config.toString());
        int refs = 0;
        while (uc.find()) {
            refs++;
            assertThat(m.path("user_config").has(uc.group(1))).as("user_config.%s is declared", uc.group(1)).isTrue();
        }
        assertThat(refs).isGreaterThan(5);
        // the ZIM folders: a multiple-directory setting expanded into arguments after "--" (server/burrow)
        JsonNode dirs = m.path("user_config").path("zim_directories");
        assertThat(dirs.path("type").asText()).isEqualTo("directory");
        assertThat(dirs.path("multiple").asBoolean()).isTrue();
        assertThat(config.path("args").toString()).isEqualTo("[\"--\",\"${user_config.zim_directories}\"]");
    }

    @Test
    void entryPointAndIcons_arePresent() throws IOException {
        ObjectNode m = manifest();
        Path entry = DIR.resolve(m.path("server").path("entry_point").asText());
        assertThat(entry).isRegularFile().isExecutable();
        assertThat(m.path("server").path("mcp_config").path("command").asText())
                .isEqualTo("${__dirname}/" + m.path("server").path("entry_point").asText());
        assertThat(pngSize(DIR.resolve(m.path("icon").asText()))).isEqualTo("512x512");
        for (JsonNode icon : m.path("icons")) {
            assertThat(pngSize(DIR.resolve(icon.path("src").asText()))).isEqualTo(icon.path("size").asText());
        }
    }

    /** Width x height from a PNG's IHDR chunk. */
    private static String pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream d = new DataInputStream(in)) {
            byte[] sig = d.readNBytes(8);
            assertThat(sig).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            d.readInt();
            assertThat(new String(d.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IHDR");
            return d.readInt() + "x" + d.readInt();
        }
    }
}
