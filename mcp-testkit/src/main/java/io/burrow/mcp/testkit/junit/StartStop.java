package io.burrow.mcp.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closes an {@link AutoCloseable} field (a fake server, a {@code BurrowServer}, an
 * {@code McpTestClient}) when JUnit is done with it: a static field after the class, an instance field
 * after each test. The test kit's fakes start when constructed, so a field initializer is all it takes:
 *
 * <pre>{@code
 * @StartStop final FakeGopherServer gopher = new FakeGopherServer();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@ExtendWith(StartStopExtension.class)
public @interface StartStop {
}
