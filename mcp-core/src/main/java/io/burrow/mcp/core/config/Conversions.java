package io.burrow.mcp.core.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Text to typed values for settings. Package-private: the binder is the only user. */
final class Conversions {

    private Conversions() {
    }

    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String expectation) {
            super(expectation, null, false, false);
        }
    }

    static boolean isCollection(Type type) {
        return type instanceof ParameterizedType p
                && (p.getRawType() == List.class || p.getRawType() == java.util.Set.class);
    }

    static String typeName(Type type) {
        if (isCollection(type)) {
            return "list of " + typeName(((ParameterizedType) type).getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> c) {
            if (c.isEnum()) {
                List<String> names = new ArrayList<>();
                for (Object o : c.getEnumConstants()) {
                    names.add(((Enum<?>) o).name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
                return String.join("|", names);
            }
            if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
                return "integer";
            }
            if (c == Double.class || c == double.class) {
                return "number";
            }
            if (c == Boolean.class || c == boolean.class) {
                return "boolean";
            }
            if (c == Path.class) {
                return "path";
            }
        }
        return "string";
    }

    /** Converts the values found for a setting; an empty list means "unset". */
    static Object convert(Type type, List<String> values) throws BadValue {
        if (isCollection(type)) {
            ParameterizedType p = (ParameterizedType) type;
            Type element = p.getActualTypeArguments()[0];
            Collection<Object> out = p.getRawType() == List.class ? new ArrayList<>() : new LinkedHashSet<>();
            for (String v : values) {
                for (String part : v.split(",")) {
                    String t = part.trim();
                    if (!t.isEmpty()) {
                        out.add(single(element, t));
                    }
                }
            }
            return p.getRawType() == List.class ? List.copyOf(out) : java.util.Set.copyOf(out);
        }
        String v = values.isEmpty() ? "" : values.get(values.size() - 1).trim();
        Class<?> c = (Class<?>) type;
        if (v.isEmpty()) {
            if (c.isPrimitive()) {
                throw new BadValue("must not be empty");
            }
            return null;
        }
        return single(c, v);
    }

    /** Why {@code v} did not parse as an integer: out of range if it is one (however large), else not one. */
    private static BadValue notAnInteger(String v, long min, long max) {
        if (v.matches("[+-]?[0-9]+")) {
            return new BadValue("is out of range: must be " + (v.startsWith("-") ? "at least " + min : "at most " + max));
        }
        return new BadValue("must be an integer");
    }

    private static Object single(Type type, String v) throws BadValue {
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return v;
        }
        if (c == int.class || c == Integer.class) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw notAnInteger(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
        }
        if (c == long.class || c == Long.class) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw notAnInteger(v, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }
        if (c == double.class || c == Double.class) {
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new BadValue("must be a number");
            }
        }
        if (c == boolean.class || c == Boolean.class) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1":
                    return true;
                case "false", "no", "off", "0":
                    return false;
                default:
                    throw new BadValue("must be true or false");
            }
        }
        if (c == Path.class) {
            try {
                return Path.of(v.startsWith("~/") ? System.getProperty("user.home") + v.substring(1) : v);
            } catch (InvalidPathException e) {
                throw new BadValue("must be a valid path");
            }
        }
        if (c.isEnum()) {
            String wanted = v.replace('-', '_');
            for (Object o : c.getEnumConstants()) {
                if (((Enum<?>) o).name().equalsIgnoreCase(wanted)) {
                    return o;
                }
            }
            throw new BadValue("must be one of " + typeName(c));
        }
        throw new IllegalStateException("unsupported setting type " + c.getName());
    }
}
