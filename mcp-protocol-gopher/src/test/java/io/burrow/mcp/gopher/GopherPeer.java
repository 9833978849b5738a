package io.burrow.mcp.gopher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the real Gopher peer (Gophernicus behind socat, {@code scripts/peers/gopher-server.sh})
 * on a free 127.0.0.1 port, with its state under the module's {@code target/}. Used by the interop
 * tests and the benchmark; fails loudly when the peer cannot start.
 */
final class GopherPeer implements AutoCloseable {

    private final Path repo;
    private final Path runDir;
    private final int port;

    private GopherPeer(Path repo, Path runDir, int port) {
        this.repo = repo;
        this.runDir = runDir;
        this.port = port;
    }

    /** The repository root, found from the working directory (the module or the root). */
    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/peers/gopher-server.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("scripts/peers/gopher-server.sh not found above " + here);
    }

    /**
     * Starts the peer.
     *
     * @throws IllegalStateException with the script's output when it does not start
     */
    static GopherPeer start() {
        Path repo = repoRoot();
        Path runDir = repo.resolve("mcp-protocol-gopher/target/peers-run");
        int port = freePort();
        GopherPeer peer = new GopherPeer(repo, runDir, port);
        String out = peer.run("start");
        if (out != null) {
            throw new IllegalStateException("the Gopher peer did not start (run scripts/ci/install-gopher.sh):\n" + out);
        }
        return peer;
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "gopher://127.0.0.1:" + port + path;
    }

    /** Runs the script; null on success, else its output. */
    private String run(String command) {
        try {
            Files.createDirectories(runDir);
            ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/peers/gopher-server.sh").toString(),
                    command, String.valueOf(port)).redirectErrorStream(true);
            pb.environment().put("PEERS_RUN_DIR", runDir.toString());
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        String out = run("stop");
        if (out != null) {
            throw new IllegalStateException("stopping the Gopher peer failed: " + out);
        }
    }
}
