/**
 * The Gemini store SPI: where TOFU pins and client identities live ({@link io.burrow.mcp.gemini.spi.PinStorage},
 * {@link io.burrow.mcp.gemini.spi.IdentityStorage}), and the providers that open them
 * ({@link io.burrow.mcp.gemini.spi.GeminiStoreProvider}, chosen by {@code BURROW_GEMINI_STORE}).
 */
package io.burrow.mcp.gemini.spi;
