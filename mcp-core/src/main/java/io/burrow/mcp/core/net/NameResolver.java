package io.burrow.mcp.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves host names. The {@linkplain #system() default} uses the JVM resolver; tests inject a
 * fake one to make names resolve to private, loopback or mapped addresses.
 */
@FunctionalInterface
public interface NameResolver {

    /**
     * All addresses of a host name (never an IP literal: the policy parses those itself).
     *
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}). */
    static NameResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
