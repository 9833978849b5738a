package io.burrow.mcp.core.config;

import java.util.Map;
import java.util.Objects;

/** Bound, validated settings: one record per {@link SettingsGroup}. Immutable. */
public final class Settings {

    private final Map<Class<? extends Record>, Record> groups;
    private final SettingsCatalog catalog;

    Settings(Map<Class<? extends Record>, Record> groups, SettingsCatalog catalog) {
        this.groups = Map.copyOf(groups);
        this.catalog = catalog;
    }

    /**
     * The bound record of a group.
     *
     * @throws IllegalArgumentException if the group was not part of the catalog
     */
    public <T extends Record> T get(Class<T> type) {
        Record r = groups.get(Objects.requireNonNull(type, "type"));
        if (r == null) {
            throw new IllegalArgumentException("settings group " + type.getName() + " was not declared");
        }
        return type.cast(r);
    }

    /** Whether the group was declared. */
    public boolean has(Class<? extends Record> type) {
        return groups.containsKey(type);
    }

    /** The catalog these settings were bound from. */
    public SettingsCatalog catalog() {
        return catalog;
    }
}
