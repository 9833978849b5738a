package io.burrow.mcp.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class RobotsGateTest {

    private final AtomicLong nanos = new AtomicLong(1);
    private final AtomicInteger loads = new AtomicInteger();

    private RobotsGate gate(RobotsSettings s, RobotsGate.WhenUnavailable when) {
        return RobotsGate.create(s, when, List.of("webproxy"), nanos::get);
    }

    private RobotsGate.Loader serving(String robots) {
        return (h, p) -> {
            loads.incrementAndGet();
            return RobotsGate.Loaded.found(RobotsTxt.parse(robots));
        };
    }

    private void advanceSeconds(long s) {
        nanos.addAndGet(s * 1_000_000_000L);
    }

    @Test
    void disallowedPath_isBlockedByRobots_quotingTheRule() {
        RobotsGate g = gate(RobotsSettings.defaults(), RobotsGate.WhenUnavailable.ALLOW);
        assertThatThrownBy(() -> g.check("h", 1, List.of("/private/x"), "gemini://h/robots.txt",
                serving("User-agent: webproxy\nDisallow: /private\n")))
                .isInstanceOfSatisfying(BurrowException.class, e -> {
                    assertThat(e.code()).isEqualTo("BLOCKED_BY_ROBOTS");
                    assertThat(e.details()).containsEntry("rule", "Disallow: /private")
                            .containsEntry("user_agent", "webproxy").containsEntry("robots_url", "gemini://h/robots.txt");
                });
        g.check("h", 1, List.of("/public"), "u", serving("x"));
        assertThat(loads.get()).as("cached per host and port").isEqualTo(1);
    }

    @Test
    void robotsTxt_isReadAgainAfterItsTtl() {
        RobotsGate g = gate(new RobotsSettings(true, 100, true, 60), RobotsGate.WhenUnavailable.ALLOW);
        g.check("h", 1, List.of("/"), "u", serving(""));
        advanceSeconds(99);
        g.check("h", 1, List.of("/"), "u", serving(""));
        assertThat(loads.get()).isEqualTo(1);
        advanceSeconds(2);
        g.check("h", 1, List.of("/"), "u", serving(""));
        assertThat(loads.get()).isEqualTo(2);
        g.check("h", 2, List.of("/"), "u", serving(""));
        assertThat(loads.get()).as("another port is another site").isEqualTo(3);
    }

    @Test
    void unavailable_refusesOrProceedsByPolicy_andIsRememberedForTheBackoff() {
        RobotsGate.Loader failing = (h, p) -> {
            loads.incrementAndGet();
            return RobotsGate.Loaded.unavailable("connection refused");
        };
        RobotsGate refuse = gate(RobotsSettings.defaults(), RobotsGate.WhenUnavailable.REFUSE);
        assertThatThrownBy(() -> refuse.check("h", 1, List.of("/"), "u", failing))
                .isInstanceOfSatisfying(BurrowException.class, e -> {
                    assertThat(e.code()).isEqualTo("ROBOTS_UNAVAILABLE");
                    assertThat(e.details()).containsEntry("reason", "connection refused");
                });
        assertThatThrownBy(() -> refuse.check("h", 1, List.of("/"), "u", failing)).isInstanceOf(BurrowException.class);
        assertThat(loads.get()).isEqualTo(1);
        advanceSeconds(61);
        assertThatThrownBy(() -> refuse.check("h", 1, List.of("/"), "u", failing)).isInstanceOf(BurrowException.class);
        assertThat(loads.get()).isEqualTo(2);
        RobotsGate allow = gate(RobotsSettings.defaults(), RobotsGate.WhenUnavailable.ALLOW);
        allow.check("h", 1, List.of("/"), "u", failing);
    }

    @Test
    void loaderExceptions_propagate_andAreNotCached() {
        RobotsGate g = gate(RobotsSettings.defaults(), RobotsGate.WhenUnavailable.REFUSE);
        RobotsGate.Loader cancelled = (h, p) -> {
            loads.incrementAndGet();
            throw new BurrowException(ErrorCodes.CANCELLED, "cancelled");
        };
        assertThatThrownBy(() -> g.check("h", 1, List.of("/"), "u", cancelled)).hasMessage("cancelled");
        assertThatThrownBy(() -> g.check("h", 1, List.of("/"), "u", cancelled)).hasMessage("cancelled");
        assertThat(loads.get()).isEqualTo(2);
    }

    @Test
    void disabled_neverLoads() {
        RobotsGate g = gate(RobotsSettings.off(), RobotsGate.WhenUnavailable.REFUSE);
        g.check("h", 1, List.of("/private"), "u", serving("User-agent: *\nDisallow: /\n"));
        assertThat(loads.get()).isZero();
    }

    @Test
    void aiTokens_applyOnlyWhenHonoured() {
        String robots = "User-agent: GPTBot\nDisallow: /\n";
        RobotsGate honour = gate(RobotsSettings.defaults(), RobotsGate.WhenUnavailable.ALLOW);
        assertThatThrownBy(() -> honour.check("h", 1, List.of("/a"), "u", serving(robots)))
                .isInstanceOf(BurrowException.class);
        RobotsGate ignore = gate(new RobotsSettings(true, 100, false, 60), RobotsGate.WhenUnavailable.ALLOW);
        ignore.check("h", 1, List.of("/a"), "u", serving(robots));
    }
}
