/**
 * The PostgreSQL store's tables, schema migrations, connection pool and the encryption of identities' private keys.
 * Not API.
 */
package io.burrow.mcp.gemini.postgres.internal;
