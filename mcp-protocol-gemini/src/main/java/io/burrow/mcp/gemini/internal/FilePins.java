package io.burrow.mcp.gemini.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.TofuPin;
import io.burrow.mcp.gemini.spi.PinStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The file store's pins: {@code {"host:port": {"host", "port", "fingerprint", "first_seen", "last_seen",
 * "expires"}}} (the layout gopher-mcp uses), mode 0600 in a 0700 directory. Every change re-reads the file under a
 * lock shared with other processes on the machine and replaces it atomically and durably before it returns, keeping
 * a last good copy beside it ({@link StoreFile}).
 */
public final class FilePins implements PinStorage {

    private final StoreFile<Map<String, TofuPin>> store;

    /** Pins kept in {@code file} (created on the first pin). */
    public FilePins(Path file) {
        this.store = new StoreFile<>(file, FilePins::parsePins, FilePins::serialize, Map.of(), name -> false);
    }

    @Override
    public List<TofuPin> all() {
        return List.copyOf(read().values());
    }

    @Override
    public Optional<TofuPin> get(String host, int port) {
        return Optional.ofNullable(read().get(key(host, port)));
    }

    @Override
    public boolean insert(TofuPin pin) {
        boolean[] inserted = {false};
        update(pins -> {
            if (pins.containsKey(pin.key())) {
                return false;
            }
            pins.put(pin.key(), pin);
            inserted[0] = true;
            return true;
        });
        return inserted[0];
    }

    @Override
    public void replace(TofuPin pin) {
        update(pins -> {
            pins.put(pin.key(), pin);
            return true;
        });
    }

    @Override
    public void touch(String host, int port, String fingerprint, String lastSeen, String expires) {
        String key = key(host, port);
        update(pins -> {
            TofuPin current = pins.get(key);
            if (current != null && Fingerprints.equal(current.fingerprint(), fingerprint)) {
                pins.put(key, new TofuPin(current.host(), current.port(), current.fingerprint(), current.firstSeen(),
                        lastSeen, expires));
                return true;
            }
            return false;
        });
    }

    @Override
    public List<TofuPin> remove(String host, Integer port) {
        List<TofuPin> removed = new ArrayList<>();
        update(pins -> {
            for (Iterator<TofuPin> it = pins.values().iterator(); it.hasNext(); ) {
                TofuPin p = it.next();
                if (p.host().equals(host) && (port == null || p.port() == port)) {
                    removed.add(p);
                    it.remove();
                }
            }
            return !removed.isEmpty();
        });
        return removed;
    }

    private static String key(String host, int port) {
        return new TofuPin(host, port, "", "", "", null).key();
    }

    @FunctionalInterface
    private interface Change {
        /** Changes the pins in place; returns whether anything changed. */
        boolean apply(Map<String, TofuPin> pins);
    }

    /**
     * Re-reads the store under the lock, applies the change and, if it changed anything, writes it: when this
     * returns, the change is on disk (see {@link StoreFile}).
     */
    private void update(Change change) {
        try {
            store.update((current, commit) -> {
                Map<String, TofuPin> pins = new LinkedHashMap<>(current);
                if (change.apply(pins)) {
                    commit.write(Map.copyOf(pins));
                }
                return null;
            });
        } catch (StoreFile.DamagedFileException e) {
            throw corrupt();
        } catch (IOException e) {
            throw unusable("written", e);
        }
    }

    private Map<String, TofuPin> read() {
        try {
            return store.read();
        } catch (StoreFile.DamagedFileException e) {
            throw corrupt();
        } catch (IOException e) {
            throw unusable("read", e);
        }
    }

    /** The file's bytes: pins sorted by key, so that successive versions differ only where pins do. */
    private static byte[] serialize(Map<String, TofuPin> pins) {
        ObjectNode root = Json.object();
        pins.keySet().stream().sorted().forEach(k -> root.set(k, Json.toTree(pins.get(k))));
        try {
            return Json.wirePrettyWriter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise TOFU pins", e);
        }
    }

    private static Map<String, TofuPin> parsePins(byte[] bytes) throws StoreFile.DamagedFileException {
        if (bytes.length == 0) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = Json.parse(bytes);
        } catch (IOException e) {
            throw new StoreFile.DamagedFileException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new StoreFile.DamagedFileException("not a JSON object");
        }
        Map<String, TofuPin> pins = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode n = e.getValue();
            if (!n.isObject() || !n.path("host").isTextual() || !n.path("port").canConvertToInt()
                    || !n.path("fingerprint").isTextual()) {
                throw new StoreFile.DamagedFileException("a pin lacks host, port or fingerprint");
            }
            String fp;
            try {
                fp = Fingerprints.canonical(n.path("fingerprint").asText());
            } catch (BurrowException bad) {
                throw new StoreFile.DamagedFileException("a fingerprint is not 64 hex digits");
            }
            String host = n.path("host").asText().toLowerCase(Locale.ROOT);
            int port = n.path("port").asInt();
            pins.put(key(host, port), new TofuPin(host, port, fp, time(n.get("first_seen")), time(n.get("last_seen")),
                    n.hasNonNull("expires") ? time(n.get("expires")) : null));
        }
        return Map.copyOf(pins);
    }

    private static String time(JsonNode n) {
        if (n == null || n.isNull()) {
            return iso(Instant.EPOCH);
        }
        if (n.isNumber()) {
            return iso(Instant.ofEpochMilli((long) (n.asDouble() * 1000)));
        }
        return n.asText();
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static BurrowException corrupt() {
        return new BurrowException(GeminiErrors.CERTIFICATE_STORE_UNAVAILABLE,
                "The TOFU store is corrupt; no certificate can be verified, so nothing is fetched",
                "Repair or remove the file named by GEMINI_TOFU_STORAGE_PATH (its last good copy, the .bak file beside it, "
                        + "is damaged or missing too); removed pins are learned again on first use.")
                .withDetail("reason", "tofu_store_corrupt");
    }

    private static BurrowException unusable(String what, IOException e) {
        return (BurrowException) new BurrowException(GeminiErrors.CERTIFICATE_STORE_UNAVAILABLE,
                "The TOFU store cannot be " + what,
                "Check that GEMINI_TOFU_STORAGE_PATH names a writable location.", e)
                .withDetail("reason", "tofu_store_unusable");
    }
}
