package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a 2025-11-25 {@code initialize} negotiated: the protocol version, the client's capabilities and
 * identity, and the session's log level and resource subscriptions.
 */
final class LegacySession {

    final String protocolVersion;
    final ObjectNode clientCapabilities;
    final String clientName;
    final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    volatile LogLevels.Level logLevel = LogLevels.Level.INFO;
    volatile boolean initialized;
    /** When {@code initialize} created it ({@link System#nanoTime()}), for the session duration metric. */
    final long startedNanos = System.nanoTime();

    LegacySession(String protocolVersion, ObjectNode clientCapabilities, String clientName) {
        this.protocolVersion = protocolVersion;
        this.clientCapabilities = clientCapabilities;
        this.clientName = clientName;
    }

    boolean clientCan(String capability) {
        return clientCapabilities.path(capability).isObject();
    }
}
