package io.burrow.mcp.gemini.tools;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Where the Gemini trust state lives ({@code BURROW_GEMINI_STORE_*}, flags {@code --gemini-store-*}): the store
 * provider ({@link io.burrow.mcp.gemini.spi.GeminiStoreProvider}) and what a database store needs. The file store
 * (the default) reads only {@code GEMINI_TOFU_STORAGE_PATH} and {@code GEMINI_CLIENT_CERTS_STORAGE_PATH}.
 *
 * @param type the store provider's name
 * @param url the JDBC URL of a database store
 * @param user the database user
 * @param password the database password
 * @param key the key encrypting client identities' private keys in a database store
 * @param poolSize the database connections each server keeps at most
 */
@SettingsGroup(prefix = "gemini-store", envPrefix = "BURROW_GEMINI_STORE", title = "Gemini trust store")
public record GeminiStoreSettings(
        @Setting(value = "Where Gemini TOFU pins and client identities live: 'file' (the files named by "
                + "GEMINI_TOFU_STORAGE_PATH and GEMINI_CLIENT_CERTS_STORAGE_PATH, for one machine) or 'postgres' "
                + "(a PostgreSQL database shared by replicas; needs the module mcp-gemini-store-postgres, in the "
                + "launcher jars and images).", defaultValue = "file", env = "BURROW_GEMINI_STORE")
        @NotBlank @Pattern(regexp = "[a-z0-9]+", message = "BURROW_GEMINI_STORE must be a store name such as 'file' or "
                + "'postgres'") String type,

        @Setting("JDBC URL of the database store, e.g. 'jdbc:postgresql://db:5432/burrow' (credentials go in "
                + "BURROW_GEMINI_STORE_USER and BURROW_GEMINI_STORE_PASSWORD, not in the URL).")
        String url,

        @Setting("Database user of the database store.")
        String user,

        @Setting(value = "Database password of the database store.", secret = true)
        String password,

        @Setting(value = "Key encrypting client identities' private keys in the database store (AES-256-GCM): 32 "
                + "bytes, base64 or hex ('openssl rand -base64 32'); the same on every replica.", secret = true)
        String key,

        @Setting(value = "Database connections each server keeps at most.", defaultValue = "4")
        @Min(1) @Max(64) int poolSize) {

    /** Never shows the password or the key. */
    @Override
    public String toString() {
        return "GeminiStoreSettings[type=" + type + ", url=" + (url == null ? null : url.replaceAll("\\?.*", "?…"))
                + ", user=" + user + ", password=" + (password == null ? "(unset)" : "(set)")
                + ", key=" + (key == null ? "(unset)" : "(set)") + ", poolSize=" + poolSize + "]";
    }
}
