package io.burrow.mcp.core.config;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the standard Jakarta constraints of settings records ({@code @NotNull}, {@code @NotBlank},
 * {@code @NotEmpty}, {@code @Min}, {@code @Max}, {@code @Positive} and its kin, {@code @DecimalMin} and
 * {@code @DecimalMax} with a message of their own, {@code @Pattern}, {@code @Size}) on record components and on
 * the elements of collection components, with the messages Hibernate Validator gives them (English, parameters
 * filled in). It is what start-up uses: bootstrapping Hibernate Validator loads some 900 classes. A record using
 * anything else (another or a custom constraint, groups, {@code @Valid}, class-level or method constraints, a
 * message with an expression) is {@linkplain #plan planned} as unsupported and validated by Hibernate Validator.
 */
final class ConstraintChecks {

    /** One broken constraint: the component (or {@code null} for the record itself), the message, the value. */
    record Violation(String component, String message, Object invalidValue) {
    }

    /** How one record class is checked; {@code null} checks mean Hibernate Validator does it. */
    record Plan(List<ComponentChecks> checks) {
        boolean supported() {
            return checks != null;
        }
    }

    private record ComponentChecks(RecordComponent component, List<Check> value, List<Check> elements) {
    }

    /** What a check tests; one switch rather than a lambda per constraint, which a cold start would spin one by one. */
    private enum Kind { NOT_NULL, NOT_BLANK, NOT_EMPTY, AT_LEAST, AT_MOST, ABOVE, BELOW, DECIMAL_MIN, DECIMAL_MAX,
        PATTERN, SIZE }

    /**
     * One constraint: its kind, its bound ({@code AT_LEAST}…{@code DECIMAL_MAX}; {@code inclusive} for the decimal
     * ones), regular expression or size range, and its message.
     */
    private record Check(Kind kind, BigDecimal bound, boolean inclusive, java.util.regex.Pattern regex, int min,
            int max, String message) {

        static Check of(Kind kind, String message) {
            return new Check(kind, null, true, null, 0, 0, message);
        }

        static Check bound(Kind kind, BigDecimal bound, boolean inclusive, String message) {
            return new Check(kind, bound, inclusive, null, 0, 0, message);
        }

        boolean valid(Object v) {
            return switch (kind) {
                case NOT_NULL -> v != null;
                case NOT_BLANK -> v != null && !v.toString().isBlank();
                case NOT_EMPTY -> v != null && size(v) > 0;
                case AT_LEAST -> v == null || compare(v, bound) >= 0;
                case AT_MOST -> v == null || compare(v, bound) <= 0;
                case ABOVE -> v == null || compare(v, bound) > 0;
                case BELOW -> v == null || compare(v, bound) < 0;
                case DECIMAL_MIN -> v == null || decimal(v, bound, true, inclusive);
                case DECIMAL_MAX -> v == null || decimal(v, bound, false, inclusive);
                case PATTERN -> v == null || regex.matcher((CharSequence) v).matches();
                case SIZE -> v == null || size(v) >= min && size(v) <= max;
            };
        }
    }

    private static final String DEFAULT_PREFIX = "{jakarta.validation.constraints.";
    private static final Map<Class<? extends Annotation>, String> DEFAULT_MESSAGES = Map.ofEntries(
            Map.entry(NotNull.class, "must not be null"),
            Map.entry(NotBlank.class, "must not be blank"),
            Map.entry(NotEmpty.class, "must not be empty"),
            Map.entry(Min.class, "must be greater than or equal to {value}"),
            Map.entry(Max.class, "must be less than or equal to {value}"),
            Map.entry(Positive.class, "must be greater than 0"),
            Map.entry(PositiveOrZero.class, "must be greater than or equal to 0"),
            Map.entry(Negative.class, "must be less than 0"),
            Map.entry(NegativeOrZero.class, "must be less than or equal to 0"),
            Map.entry(Pattern.class, "must match \"{regexp}\""),
            Map.entry(Size.class, "size must be between {min} and {max}"));
    private static final Set<Class<?>> INTEGRAL = Set.of(int.class, long.class, short.class, byte.class,
            Integer.class, Long.class, Short.class, Byte.class, BigInteger.class, BigDecimal.class);

    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return plan(type);
        }
    };

    private ConstraintChecks() {
    }

    /** The plan of a record class (cached). */
    static Plan planOf(Class<? extends Record> type) {
        return PLANS.get(type);
    }

    /** Checks {@code record} by its plan, which must be {@linkplain Plan#supported() supported}. */
    static List<Violation> validate(Plan plan, Record record) {
        List<Violation> out = new ArrayList<>();
        for (ComponentChecks c : plan.checks()) {
            Object value;
            try {
                Method accessor = c.component().getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.component().getName(), e);
            }
            for (Check check : c.value()) {
                if (!check.valid(value)) {
                    out.add(new Violation(c.component().getName(), check.message(), value));
                }
            }
            if (value instanceof Iterable<?> elements && !c.elements().isEmpty()) {
                for (Object element : elements) {
                    for (Check check : c.elements()) {
                        if (!check.valid(element)) {
                            out.add(new Violation(c.component().getName(), check.message(), element));
                        }
                    }
                }
            }
        }
        return out;
    }

    static Plan plan(Class<?> type) {
        if (!type.isRecord() || hasConstraint(type) || hasConstraintOnOtherMembers(type)) {
            return new Plan(null);
        }
        List<ComponentChecks> list = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Field field;
            try {
                field = type.getDeclaredField(c.getName());
            } catch (NoSuchFieldException e) {
                return new Plan(null);
            }
            List<Check> value = checks(field.getDeclaredAnnotations(), c.getType());
            AnnotatedType annotated = c.getAnnotatedType();
            List<Check> elements = List.of();
            if (annotated instanceof AnnotatedParameterizedType p) {
                AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
                boolean iterable = Collection.class.isAssignableFrom(c.getType()) && args.length == 1;
                for (AnnotatedType arg : args) {
                    boolean constrained = hasConstraint(arg) || arg instanceof AnnotatedParameterizedType q
                            && List.of(q.getAnnotatedActualTypeArguments()).stream().anyMatch(ConstraintChecks::hasConstraint);
                    if (constrained && !iterable) {
                        return new Plan(null);
                    }
                }
                if (iterable && hasConstraint(args[0])) {
                    if (args[0] instanceof AnnotatedParameterizedType) {
                        return new Plan(null);
                    }
                    Class<?> elementType = args[0].getType() instanceof Class<?> k ? k : Object.class;
                    elements = checks(args[0].getDeclaredAnnotations(), elementType);
                }
            }
            if (value == null || elements == null) {
                return new Plan(null);
            }
            if (!value.isEmpty() || !elements.isEmpty()) {
                list.add(new ComponentChecks(c, value, elements));
            }
        }
        return new Plan(List.copyOf(list));
    }

    /** Whether a constraint sits on the class itself, or on a field or method that is not a component's. */
    private static boolean hasConstraintOnOtherMembers(Class<?> type) {
        Set<String> components = new java.util.HashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.add(c.getName());
        }
        for (Field f : type.getDeclaredFields()) {
            if (!components.contains(f.getName()) && hasConstraint(f)) {
                return true;
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            boolean accessor = m.getParameterCount() == 0 && components.contains(m.getName())
                    && !Modifier.isStatic(m.getModifiers());
            if (!accessor && (hasConstraint(m) || List.of(m.getParameters()).stream().anyMatch(ConstraintChecks::hasConstraint))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasConstraint(AnnotatedElement element) {
        for (Annotation a : element.getDeclaredAnnotations()) {
            if (isConstraint(a.annotationType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConstraint(Class<? extends Annotation> type) {
        return DEFAULT_MESSAGES.containsKey(type) || type == Valid.class || type == DecimalMin.class
                || type == DecimalMax.class
                || type.getName().startsWith("jakarta.validation.") && type.getSimpleName().equals("List")
                || type.isAnnotationPresent(Constraint.class); // last: it reads (and parses) the type's annotations
    }

    /** The checks of the constraints among {@code annotations}, or {@code null} if one is not supported. */
    private static List<Check> checks(Annotation[] annotations, Class<?> type) {
        List<Check> out = new ArrayList<>();
        for (Annotation a : annotations) {
            if (!isConstraint(a.annotationType())) {
                continue;
            }
            Check check = check(a, type);
            if (check == null) {
                return null;
            }
            out.add(check);
        }
        return out;
    }

    private static Check check(Annotation a, Class<?> type) {
        Constrained c = Constrained.of(a);
        if (c == null || c.groups().length > 0) {
            return null;
        }
        String message = message(a, c);
        if (message == null) {
            return null;
        }
        boolean text = CharSequence.class.isAssignableFrom(type);
        boolean sized = text || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
        boolean integral = INTEGRAL.contains(type);
        boolean decimal = integral || type == double.class || type == Double.class;
        if (a instanceof NotNull) {
            return Check.of(Kind.NOT_NULL, message);
        } else if (a instanceof NotBlank && text) {
            return Check.of(Kind.NOT_BLANK, message);
        } else if (a instanceof NotEmpty && sized) {
            return Check.of(Kind.NOT_EMPTY, message);
        } else if (a instanceof Min min && integral) {
            return Check.bound(Kind.AT_LEAST, BigDecimal.valueOf(min.value()), true, message);
        } else if (a instanceof Max max && integral) {
            return Check.bound(Kind.AT_MOST, BigDecimal.valueOf(max.value()), true, message);
        } else if (a instanceof Positive && integral) {
            return Check.bound(Kind.ABOVE, BigDecimal.ZERO, false, message);
        } else if (a instanceof PositiveOrZero && integral) {
            return Check.bound(Kind.AT_LEAST, BigDecimal.ZERO, true, message);
        } else if (a instanceof Negative && integral) {
            return Check.bound(Kind.BELOW, BigDecimal.ZERO, false, message);
        } else if (a instanceof NegativeOrZero && integral) {
            return Check.bound(Kind.AT_MOST, BigDecimal.ZERO, true, message);
        } else if (a instanceof DecimalMin min && decimal) {
            return Check.bound(Kind.DECIMAL_MIN, new BigDecimal(min.value()), min.inclusive(), message);
        } else if (a instanceof DecimalMax max && decimal) {
            return Check.bound(Kind.DECIMAL_MAX, new BigDecimal(max.value()), max.inclusive(), message);
        } else if (a instanceof Pattern p && text) {
            int flags = 0;
            for (Pattern.Flag f : p.flags()) {
                flags |= f.getValue();
            }
            return new Check(Kind.PATTERN, null, true, java.util.regex.Pattern.compile(p.regexp(), flags), 0, 0,
                    message);
        } else if (a instanceof Size size && sized) {
            return new Check(Kind.SIZE, null, true, null, size.min(), size.max(), message);
        }
        return null;
    }

    /**
     * The attributes of a supported constraint, read through its own interface (reflection on annotation proxies
     * generates accessor classes, which a cold start pays for one by one): its message template, its groups and
     * the values its messages may name.
     */
    private record Constrained(String message, Class<?>[] groups, Map<String, Object> parameters) {

        static Constrained of(Annotation a) {
            if (a instanceof NotNull x) {
                return new Constrained(x.message(), x.groups(), Map.of());
            } else if (a instanceof NotBlank x) {
                return new Constrained(x.message(), x.groups(), Map.of());
            } else if (a instanceof NotEmpty x) {
                return new Constrained(x.message(), x.groups(), Map.of());
            } else if (a instanceof Min x) {
                return new Constrained(x.message(), x.groups(), Map.of("value", x.value()));
            } else if (a instanceof Max x) {
                return new Constrained(x.message(), x.groups(), Map.of("value", x.value()));
            } else if (a instanceof Positive x) {
                return new Constrained(x.message(), x.groups(), Map.of());
            } else if (a instanceof PositiveOrZero x) {
                return new Constrained(x.message(), x.groups(), Map.of());
            } else if (a instanceof Negative x) {
                return new Constrained(x.message(), x.groups(), Map.of());
            } else if (a instanceof NegativeOrZero x) {
                return new Constrained(x.message(), x.groups(), Map.of());
            } else if (a instanceof DecimalMin x) {
                return new Constrained(x.message(), x.groups(), Map.of("value", x.value(), "inclusive", x.inclusive()));
            } else if (a instanceof DecimalMax x) {
                return new Constrained(x.message(), x.groups(), Map.of("value", x.value(), "inclusive", x.inclusive()));
            } else if (a instanceof Pattern x) {
                return new Constrained(x.message(), x.groups(), Map.of("regexp", x.regexp()));
            } else if (a instanceof Size x) {
                return new Constrained(x.message(), x.groups(), Map.of("min", x.min(), "max", x.max()));
            }
            return null;
        }
    }

    /** Whether {@code v} is at least ({@code minimum}) or at most {@code bound}, or strictly so. NaN never is. */
    private static boolean decimal(Object v, BigDecimal bound, boolean minimum, boolean inclusive) {
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return !d.isNaN() && (minimum ? d > 0 : d < 0);
        }
        int c = compare(v, bound);
        return minimum ? (inclusive ? c >= 0 : c > 0) : (inclusive ? c <= 0 : c < 0);
    }

    private static int compare(Object v, BigDecimal bound) {
        BigDecimal value = v instanceof BigDecimal b ? b : v instanceof BigInteger i ? new BigDecimal(i)
                : v instanceof Double || v instanceof Float ? BigDecimal.valueOf(((Number) v).doubleValue())
                : BigDecimal.valueOf(((Number) v).longValue());
        return value.compareTo(bound);
    }

    private static int size(Object v) {
        if (v instanceof CharSequence s) {
            return s.length();
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        return ((Map<?, ?>) v).size();
    }

    /** The message of {@code a} with its parameters filled in; {@code null} if it needs Hibernate's interpolation. */
    private static String message(Annotation a, Constrained c) {
        String template = c.message();
        if (template.startsWith(DEFAULT_PREFIX)) {
            if (!template.equals(DEFAULT_PREFIX + a.annotationType().getSimpleName() + ".message}")) {
                return null;
            }
            template = DEFAULT_MESSAGES.get(a.annotationType());
            if (template == null) {
                return null;
            }
        }
        if (template.contains("$") || template.contains("\\")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                return null;
            }
            Object value = c.parameters().get(template.substring(open + 1, close));
            if (value == null) {
                return null;
            }
            out.append(template, i, open).append(value);
            i = close + 1;
        }
        return out.toString();
    }
}
