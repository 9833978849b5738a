package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.launcher.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The HTTP launcher's command line, run in-process. */
final class HttpMainTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, Map.of(), http -> http.close());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void zeroConfiguration_servesEveryModuleOnLoopback() throws Exception {
        AtomicReference<BurrowHttpServer> started = new AtomicReference<>();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(new String[0],
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of("BURROW_HTTP_PORT", "0"), Map.of(), started::set));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (started.get() == null && !status.isDone() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        BurrowHttpServer http = started.get();
        assertThat(http).as("server started (status %s)", status.isDone() ? status.join() : "running").isNotNull();
        try {
            assertThat(http.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(http.stateless()).isFalse();
            HttpResponse<String> init = Http.post(http.endpoint(), Http.INIT, Http.mcpHeaders());
            assertThat(init.statusCode()).isEqualTo(200);
            assertThat(init.body()).contains("\"burrow\"");
        } finally {
            http.close();
        }
        assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void zimCommands_areOfferedByTheHttpLauncherToo() throws Exception {
        java.nio.file.Path p = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(p.resolve("fixtures/zim"))) {
            p = p.getParent();
        }
        Run r = run(Map.of(), "zim", "info", p.resolve("fixtures/zim/peer-test-small.zim").toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(io.burrow.mcp.core.json.Json.parse(r.out()).path("entry_count").asInt()).isPositive();
    }

    @Test
    void nonLoopbackWithoutToken_exitsNonZeroWithAClearMessage() {
        Run r = run(Map.of(), "--host", "0.0.0.0", "--port", "0");

        assertThat(r.status()).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(r.err()).contains("Refusing to listen on 0.0.0.0 without authentication")
                .contains("--auth-token").contains("--insecure-no-auth");
    }

    @Test
    void invalidHttpSettings_exit2NamingTheirEnvironmentVariables() {
        Run r = run(Map.of("BURROW_HTTP_PORT", "70000", "BURROW_AUTH_TOKEN", "short"), "serve");

        assertThat(r.status()).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(r.err()).contains("BURROW_HTTP_PORT").contains("70000").contains("BURROW_AUTH_TOKEN")
                .doesNotContain("short");
    }

    @Test
    void configDoc_includesTheHttpGroup() {
        Run r = run(Map.of(), "config-doc");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("## HTTP server").contains("`BURROW_AUTH_TOKEN`").contains("`--auth-token`")
                .contains("`--insecure-no-auth`").contains("`--stateless`").contains("`--allowed-origins`")
                .contains("`BURROW_HTTP_PORT`").contains("## Server");
    }

    @Test
    void help_listsTheHttpFlags() {
        Run r = run(Map.of(), "--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--host").contains("--port").contains("--auth-token").contains("config-doc");
    }
}
