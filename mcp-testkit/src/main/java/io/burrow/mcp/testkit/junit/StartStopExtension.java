package io.burrow.mcp.testkit.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Closes fields annotated with {@link StartStop}; registered by the annotation itself. */
public final class StartStopExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Object instance = context.getRequiredTestInstance();
        closeAll(fields(context.getRequiredTestClass(), false), instance);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeAll(fields(context.getRequiredTestClass(), true), null);
    }

    private static List<Field> fields(Class<?> type, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(StartStop.class) && Modifier.isStatic(f.getModifiers()) == statics) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static void closeAll(List<Field> fields, Object instance) throws Exception {
        Exception first = null;
        // close in reverse declaration order: clients before the servers they talk to
        for (int i = fields.size() - 1; i >= 0; i--) {
            Field f = fields.get(i);
            f.setAccessible(true);
            Object value = f.get(instance);
            if (value instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
