package io.burrow.mcp.core.spi;

/** Notifications a module may send to connected clients; no-ops where the transport cannot carry them. */
public interface ServerEvents {

    /** The list of resources changed (for example an archive was added): clients re-list. */
    void resourcesChanged();

    /** One resource changed: subscribed clients re-read it. */
    void resourceUpdated(String uri);
}
