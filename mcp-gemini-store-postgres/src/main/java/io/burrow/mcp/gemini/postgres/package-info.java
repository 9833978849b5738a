/**
 * The Gemini trust store in PostgreSQL, shared by replicas: {@link io.burrow.mcp.gemini.postgres.PostgresStoreProvider}
 * ({@code BURROW_GEMINI_STORE=postgres}), service-loaded by the Gemini module.
 */
package io.burrow.mcp.gemini.postgres;
