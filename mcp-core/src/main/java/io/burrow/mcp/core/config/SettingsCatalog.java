package io.burrow.mcp.core.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The settings of a set of {@link SettingsGroup} records: their descriptors (for flags, help and
 * documentation) and binding of values from {@link ConfigSources} into validated records.
 *
 * <pre>{@code
 * SettingsCatalog catalog = SettingsCatalog.of(List.of(ServerSettings.class, GopherSettings.class));
 * Settings settings = catalog.bind(ConfigSources.fromProcess());   // throws ConfigurationException
 * GopherSettings gopher = settings.get(GopherSettings.class);
 * }</pre>
 */
public final class SettingsCatalog {

    /**
     * Hibernate Validator, bootstrapped on first use only: the standard constraints of settings records are
     * checked by {@link ConstraintChecks}, and only a record using something else comes here.
     */
    private static final class Hibernate {
        static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();

        static List<ConstraintChecks.Violation> validate(Record instance) {
            List<ConstraintChecks.Violation> out = new ArrayList<>();
            for (ConstraintViolation<Record> v : VALIDATOR.validate(instance)) {
                out.add(new ConstraintChecks.Violation(v.getPropertyPath().toString(), v.getMessage(),
                        v.getInvalidValue()));
            }
            return out;
        }
    }

    /**
     * How a group's record is assembled: per component, either the descriptor of a setting or the
     * shape of an embedded {@link SettingsPart}.
     */
    private record Shape(Class<? extends Record> type, SettingsGroup group, List<Object> components) {

        List<SettingDescriptor> descriptors() {
            List<SettingDescriptor> out = new ArrayList<>();
            for (Object c : components) {
                if (c instanceof SettingDescriptor d) {
                    out.add(d);
                } else {
                    out.addAll(((Shape) c).descriptors());
                }
            }
            return out;
        }
    }

    /** The shapes of group records, described once per class (a launcher describes its groups twice). */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected Shape computeValue(Class<?> type) {
            SettingsGroup group = type.getAnnotation(SettingsGroup.class);
            if (group == null || !type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " must be a record annotated with @SettingsGroup");
            }
            return describe((Class<? extends Record>) type, group, true);
        }
    };

    private final Map<Class<? extends Record>, Shape> groups;

    private SettingsCatalog(Map<Class<? extends Record>, Shape> groups) {
        this.groups = groups;
    }

    /**
     * Describes the given groups.
     *
     * @throws IllegalArgumentException if a class is not a {@link SettingsGroup} record, a component
     *     lacks {@link Setting} (and is no {@link SettingsPart}), or two settings share a key, an
     *     environment variable or a flag
     */
    public static SettingsCatalog of(Collection<Class<? extends Record>> types) {
        Map<Class<? extends Record>, Shape> groups = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Class<? extends Record> type : new LinkedHashSet<>(types)) {
            Shape shape = SHAPES.get(type);
            for (SettingDescriptor d : shape.descriptors()) {
                List<String> names = new ArrayList<>(d.flags());
                names.add(d.key());
                names.add(d.env());
                for (String n : names) {
                    String previous = seen.putIfAbsent(n, type.getName() + "." + d.component().getName());
                    if (previous != null) {
                        throw new IllegalArgumentException("setting name " + n + " is declared twice: by "
                                + previous + " and " + type.getName() + "." + d.component().getName());
                    }
                }
            }
            groups.put(type, shape);
        }
        return new SettingsCatalog(groups);
    }

    @SuppressWarnings("unchecked")
    private static Shape describe(Class<? extends Record> type, SettingsGroup group, boolean top) {
        List<Object> list = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Setting s = c.getAnnotation(Setting.class);
            if (s == null) {
                if (top && c.getType().isRecord() && c.getType().isAnnotationPresent(SettingsPart.class)) {
                    list.add(describe((Class<? extends Record>) c.getType(), group, false));
                    continue;
                }
                throw new IllegalArgumentException(type.getName() + "." + c.getName() + " lacks @Setting");
            }
            if (!top && !s.env().isEmpty()) {
                throw new IllegalArgumentException(type.getName() + "." + c.getName()
                        + ": a @SettingsPart's settings take their names from the group; env() is not allowed");
            }
            String kebab = kebab(c.getName());
            String key = group.prefix() + "." + kebab;
            String env = s.env().isEmpty() ? group.envPrefix() + "_" + kebab.toUpperCase(Locale.ROOT).replace('-', '_') : s.env();
            List<String> flags = new ArrayList<>();
            flags.add("--" + group.prefix() + "-" + kebab);
            flags.addAll(List.of(s.aliases()));
            list.add(new SettingDescriptor(group.title(), key, env, flags, c.getGenericType(),
                    s.defaultValue(), fill(s.value(), group), s.secret(), Conversions.isCollection(c.getGenericType()), c));
        }
        return new Shape(type, group, List.copyOf(list));
    }

    /** Replaces the placeholders of a {@link SettingsPart} text with the group's names. */
    private static String fill(String text, SettingsGroup group) {
        return text.replace("{ENV}", group.envPrefix()).replace("{prefix}", group.prefix())
                .replace("{title}", group.title());
    }

    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch) || (Character.isDigit(ch) && !b.isEmpty()
                    && !Character.isDigit(b.charAt(b.length() - 1)))) {
                b.append('-');
            }
            b.append(Character.toLowerCase(ch));
        }
        return b.toString();
    }

    /** All descriptors, group by group, in declaration order. */
    public List<SettingDescriptor> descriptors() {
        return groups.values().stream().flatMap(g -> g.descriptors().stream()).toList();
    }

    /** The groups described. */
    public Collection<Class<? extends Record>> groups() {
        return groups.keySet();
    }

    /** The descriptor with this flag (primary or alias), if any. */
    public Optional<SettingDescriptor> byFlag(String flag) {
        return descriptors().stream().filter(d -> d.flags().contains(flag)).findFirst();
    }

    /** The descriptor with this canonical key or environment variable, if any. */
    public Optional<SettingDescriptor> byName(String name) {
        return descriptors().stream().filter(d -> d.key().equals(name) || d.env().equals(name)).findFirst();
    }

    /**
     * Binds and validates every group.
     *
     * @throws ConfigurationException listing every violation of every group
     */
    public Settings bind(ConfigSources sources) {
        Objects.requireNonNull(sources, "sources");
        List<String> violations = new ArrayList<>();
        Map<Class<? extends Record>, Record> bound = new LinkedHashMap<>();
        for (Map.Entry<Class<? extends Record>, Shape> e : groups.entrySet()) {
            Record instance = build(e.getValue(), sources, violations);
            if (instance != null) {
                bound.put(e.getKey(), instance);
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.naturalOrder());
            throw new ConfigurationException(violations);
        }
        return new Settings(bound, this);
    }

    /** Builds and validates one record (a group or an embedded part); {@code null} if a value did not convert. */
    private static Record build(Shape shape, ConfigSources sources, List<String> violations) {
        List<Object> components = shape.components();
        Object[] args = new Object[components.size()];
        boolean ok = true;
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i) instanceof Shape part) {
                args[i] = build(part, sources, violations);
                ok &= args[i] != null;
                continue;
            }
            SettingDescriptor d = (SettingDescriptor) components.get(i);
            List<String> raw = sources.lookup(d);
            try {
                args[i] = Conversions.convert(d.type(), raw);
            } catch (Conversions.BadValue bad) {
                ok = false;
                violations.add(describe(d, bad.getMessage(), d.secret() ? null : String.join(",", raw), sources));
            }
        }
        if (!ok) {
            return null;
        }
        Record instance = instantiate(shape, args);
        ConstraintChecks.Plan plan = ConstraintChecks.planOf(shape.type());
        List<ConstraintChecks.Violation> found = plan.supported() ? ConstraintChecks.validate(plan, instance)
                : Hibernate.validate(instance);
        for (ConstraintChecks.Violation v : found) {
            String property = v.component();
            SettingDescriptor d = components.stream().filter(SettingDescriptor.class::isInstance)
                    .map(SettingDescriptor.class::cast)
                    .filter(x -> property.equals(x.component().getName())
                            || property.startsWith(x.component().getName() + "[")
                            || property.startsWith(x.component().getName() + "."))
                    .findFirst().orElse(null);
            if (d == null) {
                violations.add(shape.group().title() + " settings: " + v.message());
            } else {
                violations.add(describe(d, v.message(), d.secret() ? null : String.valueOf(v.invalidValue()),
                        sources));
            }
        }
        return instance;
    }

    private static String describe(SettingDescriptor d, String problem, String value, ConfigSources sources) {
        return d.env() + " " + problem + (value == null ? "" : ", was " + value) + " (setting " + d.key()
                + ", flag " + d.flag() + ", from " + sources.origin(d) + ")";
    }

    private static Record instantiate(Shape shape, Object[] args) {
        Class<? extends Record> type = shape.type();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<? extends Record> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new ConfigurationException(List.of(shape.group().title() + " settings: "
                    + (cause == null ? "invalid" : fill(String.valueOf(cause.getMessage()), shape.group()))));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }
}
