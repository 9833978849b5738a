package io.burrow.mcp.gemini;

import io.burrow.mcp.gemini.internal.Certificates;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link StoreCrashIT} kills: it changes the TOFU store and the identity store through their real
 * classes, one change at a time, forever (or for a given number of changes), and reports on stdout, flushed at
 * once, each change before it starts ({@code begin …}) and after the call returned ({@code acked …}):
 *
 * <pre>
 * ready
 * begin pin lane-3.test:1965 &lt;fingerprint&gt;      acked pin lane-3.test:1965 &lt;fingerprint&gt;   (first use or trust)
 * begin match lane-3.test:1965 &lt;fingerprint&gt;    acked match …                               (rewrites last_seen)
 * begin forget lane-3.test:1965                  acked forget lane-3.test:1965
 * begin create lane-id2                          acked create lane-id2 &lt;fingerprint&gt;
 * begin delete lane-id2                          acked delete lane-id2
 * </pre>
 *
 * Arguments: the TOFU file, the identity directory, the lane (a prefix of every host and identity name it
 * touches, so that two children can share the stores without touching each other's entries), a random seed,
 * and optionally the number of changes after which it exits.
 */
final class StoreCrashChild {

    static final int HOSTS = 12;
    static final int NAMES = 4;
    static final int PORT = 1965;

    private StoreCrashChild() {
    }

    static String host(String lane, int i) {
        return lane + "-" + i + ".test";
    }

    static String name(String lane, int i) {
        return lane + "-id" + i;
    }

    public static void main(String[] args) throws Exception {
        Path tofuFile = Path.of(args[0]);
        Path certs = Path.of(args[1]);
        String lane = args[2];
        Random random = new Random(Long.parseLong(args[3]));
        long limit = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        PrintStream out = System.out;

        // every reading of the clock is 61 s later, so that each match rewrites last_seen (a write per match)
        AtomicLong now = new AtomicLong(Instant.parse("2030-01-01T00:00:00Z").getEpochSecond());
        Clock stepping = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(now.getAndAdd(61));
            }
        };
        TofuStore tofu = TofuStore.open(tofuFile, stepping);
        ClientIdentityStore ids = ClientIdentityStore.open(certs, Clock.systemUTC(), 30);

        // what this lane has on disk now, as a killed predecessor left it
        Map<String, String> pins = new HashMap<>();
        for (TofuPin p : tofu.list()) {
            if (p.host().startsWith(lane + "-")) {
                pins.put(p.key(), p.fingerprint());
            }
        }
        Map<String, String> registered = new HashMap<>();
        for (ClientIdentity id : ids.list()) {
            if (id.name().startsWith(lane + "-")) {
                registered.put(id.name(), id.fingerprint());
            }
        }
        // server certificates this process can present again (a match needs the pinned certificate)
        Map<String, X509Certificate> pool = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            X509Certificate c = Certificates.selfSignedClient(Certificates.newKeyPair(), "pool" + i,
                    Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));
            pool.put(io.burrow.mcp.gemini.internal.Fingerprints.of(c), c);
        }
        List<X509Certificate> certificates = List.copyOf(pool.values());
        warmUp(tofuFile.resolveSibling("warm-" + lane), certificates.get(0), stepping);
        say(out, "ready");

        for (long n = 0; n < limit; n++) {
            if (random.nextInt(100) < 75) {
                String host = host(lane, random.nextInt(HOSTS));
                String key = host + ":" + PORT;
                String pinned = pins.get(key);
                if (pinned == null) {
                    X509Certificate c = certificates.get(random.nextInt(certificates.size()));
                    String fp = io.burrow.mcp.gemini.internal.Fingerprints.of(c);
                    say(out, "begin pin " + key + " " + fp);
                    TofuStore.Verdict v = tofu.verify(host, PORT, c, false);
                    check(v.status().equals("first_use"), "expected first use of " + key);
                    pins.put(key, fp);
                    say(out, "acked pin " + key + " " + fp);
                } else if (pool.containsKey(pinned) && random.nextBoolean()) {
                    say(out, "begin match " + key + " " + pinned);
                    TofuStore.Verdict v = tofu.verify(host, PORT, pool.get(pinned), false);
                    check(v.status().equals("match"), "expected a match of " + key);
                    say(out, "acked match " + key + " " + pinned);
                } else if (random.nextInt(4) == 0) {
                    say(out, "begin forget " + key);
                    tofu.forget(host, PORT);
                    pins.remove(key);
                    say(out, "acked forget " + key);
                } else {
                    byte[] b = new byte[32];
                    random.nextBytes(b);
                    String fp = HexFormat.of().formatHex(b);
                    say(out, "begin pin " + key + " " + fp);
                    tofu.trust(host, PORT, fp);
                    pins.put(key, fp);
                    say(out, "acked pin " + key + " " + fp);
                }
            } else {
                String name = name(lane, random.nextInt(NAMES));
                if (registered.containsKey(name)) {
                    say(out, "begin delete " + name);
                    check(ids.delete(name).isPresent(), "expected to delete " + name);
                    registered.remove(name);
                    say(out, "acked delete " + name);
                } else {
                    say(out, "begin create " + name);
                    ClientIdentity id = ids.create("gemini://" + name + ".test/", name);
                    registered.put(name, id.fingerprint());
                    say(out, "acked create " + name + " " + id.fingerprint());
                }
            }
        }
        out.flush();
    }

    /**
     * Runs every kind of change a few times on scratch stores, so that the kills land in changes made by
     * loaded, compiled code (a cold first change spends most of its time loading classes).
     */
    private static void warmUp(Path scratch, X509Certificate certificate, Clock clock) throws Exception {
        TofuStore tofu = TofuStore.open(scratch.resolve("tofu.json"), clock);
        ClientIdentityStore ids = ClientIdentityStore.open(scratch.resolve("certs"), Clock.systemUTC(), 30);
        tofu.verify("warm.test", PORT, certificate, false);
        tofu.verify("warm.test", PORT, certificate, false);
        tofu.trust("warm.test", PORT, "ab".repeat(32));
        tofu.forget("warm.test", PORT);
        ids.create("gemini://warm.test/", "warm");
        ids.delete("warm");
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
