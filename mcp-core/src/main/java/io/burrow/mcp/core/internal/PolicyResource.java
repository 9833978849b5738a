package io.burrow.mcp.core.internal;

import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.Settings;
import io.burrow.mcp.core.config.SettingsGroup;
import io.burrow.mcp.core.config.SettingsPart;
import io.burrow.mcp.core.fetch.NetworkSettings;
import io.burrow.mcp.core.spi.CacheHint;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The core's {@code burrow://policy} resource: the effective settings of every network backend (the
 * settings groups embedding {@link NetworkSettings}: host policy, limits, politeness, robots.txt, cache,
 * trust), one {@code NAME=value} line each, so that a client or a person can see what this server will
 * fetch and how. Secrets are never shown, and paths only as {@code <default>} or {@code <configured>}.
 */
public final class PolicyResource implements ResourceProvider {

    /** The resource's URI. */
    public static final String URI = "burrow://policy";

    private final Settings settings;

    public PolicyResource(Settings settings) {
        this.settings = settings;
    }

    /** Whether any bound group is a network backend's. */
    public static boolean applies(Settings settings) {
        return !networkGroups(settings).isEmpty();
    }

    private static List<Class<? extends Record>> networkGroups(Settings settings) {
        List<Class<? extends Record>> out = new ArrayList<>();
        for (Class<? extends Record> g : settings.catalog().groups()) {
            if (settings.has(g) && Arrays.stream(g.getRecordComponents()).anyMatch(c -> c.getType() == NetworkSettings.class)) {
                out.add(g);
            }
        }
        return out;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("burrow");
    }

    @Override
    public List<ResourceInfo> resources() {
        return List.of(new ResourceInfo(URI, "policy", "Fetch policy",
                "The effective settings of the network backends: what this server fetches and how (no secrets or paths).",
                "text/plain", null));
    }

    @Override
    public CacheHint listing() {
        return CacheHint.NONE;
    }

    @Override
    public ResourceData read(String uri, ReadLimits limits) {
        if (!URI.equals(uri)) {
            throw new NotFoundException("No resource " + uri, "The burrow: scheme serves " + URI + ".");
        }
        return ResourceData.text(uri, "text/plain", render());
    }

    /** The text: a {@code # Title} section per backend, then {@code NAME=value} lines. */
    public String render() {
        StringBuilder b = new StringBuilder("# Effective fetch policy (secrets and store paths are never shown)\n");
        List<SettingDescriptor> all = settings.catalog().descriptors();
        for (Class<? extends Record> group : networkGroups(settings)) {
            String title = group.getAnnotation(SettingsGroup.class).title();
            b.append("\n# ").append(title).append('\n');
            Record r = settings.get(group);
            for (RecordComponent c : group.getRecordComponents()) {
                Object value = get(c, r);
                if (c.getType().isRecord() && c.getType().isAnnotationPresent(SettingsPart.class) && value != null) {
                    for (RecordComponent pc : c.getType().getRecordComponents()) {
                        line(b, all, title, pc, get(pc, (Record) value));
                    }
                } else {
                    line(b, all, title, c, value);
                }
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<SettingDescriptor> all, String title, RecordComponent c, Object value) {
        SettingDescriptor d = all.stream().filter(x -> x.groupTitle().equals(title) && x.component() != null
                        && x.component().getDeclaringRecord() == c.getDeclaringRecord()
                        && x.component().getName().equals(c.getName()))
                .findFirst().orElse(null);
        if (d == null || d.secret()) {
            return;
        }
        b.append(d.env()).append('=').append(format(d, value)).append('\n');
    }

    private static String format(SettingDescriptor d, Object value) {
        if (value instanceof Path p) {
            Path def = d.defaultValue().isEmpty() ? null : Path.of(d.defaultValue().replaceFirst("^~",
                    System.getProperty("user.home").replace("\\", "\\\\")));
            return def != null && def.toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize()) ? "<default>"
                    : "<configured>";
        }
        if (value instanceof Collection<?> col) {
            return col.stream().map(String::valueOf).sorted().collect(Collectors.joining(","));
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
