package io.burrow.mcp.gemini;

import io.burrow.mcp.gemini.internal.FileStoreProvider;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The file store passes the store contract: each "replica" is another instance on the same files. */
final class FileGeminiStoreTest extends GeminiStoreContract {

    @TempDir
    Path dir;

    @Override
    protected GeminiStorage openStorage() {
        return new FileStoreProvider().open(context(Map.of(
                "GEMINI_TOFU_STORAGE_PATH", dir.resolve("tofu.json").toString(),
                "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("certs").toString())));
    }
}
