package io.burrow.mcp.gemini.spi;

/**
 * The Gemini trust state of a server: its {@linkplain PinStorage pins} and {@linkplain IdentityStorage client
 * identities}, opened by a {@link GeminiStoreProvider}. Closed when the server stops.
 */
public interface GeminiStorage extends AutoCloseable {

    /** The provider's name ({@code file}, {@code postgres}), for health reports. */
    String kind();

    /** The TOFU pins. */
    PinStorage pins();

    /** The client identities. */
    IdentityStorage identities();

    /** Releases what the storage holds (connections); does nothing by default. */
    @Override
    default void close() {
    }
}
