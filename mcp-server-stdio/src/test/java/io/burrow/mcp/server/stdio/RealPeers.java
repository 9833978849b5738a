package io.burrow.mcp.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Gophernicus and Molly Brown on free loopback ports, started and stopped with the repository's peer scripts
 * ({@code scripts/peers/*.sh}, packages from {@code scripts/ci/install-gopher.sh} and {@code install-gemini.sh}).
 * A missing peer fails the start: interop tests never skip.
 */
final class RealPeers implements AutoCloseable {

    private static final Path REPO = Path.of(System.getProperty("burrow.repoRoot", ".."));

    private final Path state;
    final int gopherPort;
    final int geminiPort;

    private RealPeers(Path state, int gopherPort, int geminiPort) {
        this.state = state;
        this.gopherPort = gopherPort;
        this.geminiPort = geminiPort;
    }

    /** Starts both peers; their state and logs go under {@code target/<name>}. */
    static RealPeers start(String name) throws Exception {
        Path state = Files.createDirectories(Path.of("target", name).toAbsolutePath());
        RealPeers peers = new RealPeers(state, freePort(), freePort());
        peers.run("gopher-server.sh", "start", peers.gopherPort);
        try {
            peers.run("gemini-server.sh", "start", peers.geminiPort);
        } catch (Throwable e) {
            peers.run("gopher-server.sh", "stop", peers.gopherPort);
            throw e;
        }
        return peers;
    }

    /** A directory for the server's own state (stores) in this run. */
    Path state() {
        return state;
    }

    /** {@code gopher://127.0.0.1:PORT}. */
    String gopher() {
        return "gopher://127.0.0.1:" + gopherPort;
    }

    /** {@code gemini://localhost:PORT} (Molly Brown answers 53 for other host names). */
    String gemini() {
        return "gemini://localhost:" + geminiPort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void run(String script, String command, int port) throws Exception {
        Path log = state.resolve(script + "-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", REPO.resolve("scripts/peers/" + script).toString(), command,
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PEERS_RUN_DIR", state.resolve("peers").toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s %s finished", script, command).isTrue();
        assertThat(p.exitValue()).as("%s %s (log: %s)", script, command,
                Files.exists(log) ? Files.readString(log) : "").isZero();
    }

    @Override
    public void close() throws Exception {
        try {
            run("gopher-server.sh", "stop", gopherPort);
        } finally {
            run("gemini-server.sh", "stop", geminiPort);
        }
    }
}
