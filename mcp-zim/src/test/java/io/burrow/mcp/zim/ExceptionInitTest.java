package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The reader's exceptions are initialised before the first read. A failure that lands in a class's static
 * initialisation (as an asynchronous error of the JVM can) leaves the class unusable for the life of the JVM: every
 * later {@code new ZimFormatException} would throw {@link NoClassDefFoundError}. Checked in a fresh class loader, where
 * nothing else has initialised them yet.
 */
final class ExceptionInitTest {

    /** Loads Burrow's classes itself (child first), everything else from the parent. */
    private static final class Fresh extends URLClassLoader {
        Fresh(URL[] urls) {
            super(urls, ExceptionInitTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.burrow.mcp.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }

    @Test
    void openingAnArchive_initialisesTheExceptionsAReadMayRaise() throws Exception {
        URL[] urls = {ZimArchive.class.getProtectionDomain().getCodeSource().getLocation(),
                io.burrow.mcp.core.BurrowException.class.getProtectionDomain().getCodeSource().getLocation()};
        byte[] bytes = Files.readAllBytes(Fixtures.zim("peer-test-small"));
        try (Fresh loader = new Fresh(urls)) {
            Class<?> archive = Class.forName(ZimArchive.class.getName(), true, loader);
            assertThat(archive).isNotSameAs(ZimArchive.class);
            Class<?> options = loader.loadClass(ZimOptions.class.getName());
            Object zim = archive.getMethod("open", ByteBuffer.class, options)
                    .invoke(null, ByteBuffer.wrap(bytes), options.getMethod("defaults").invoke(null));
            assertThat(archive.getMethod("entryCount").invoke(zim)).isEqualTo(new ZimArchiveTestFacts().entries(bytes));
            for (Class<?> c : new Class<?>[] {ZimErrors.class, ZimException.class, ZimFormatException.class,
                    ZimEntryNotFoundException.class}) {
                assertThat(initialised(loader.loadClass(c.getName()))).as(c.getSimpleName()).isTrue();
            }
            ((AutoCloseable) zim).close();
        }
    }

    /** Whether {@code c} is initialised, without initialising it (sun.misc.Unsafe, module jdk.unsupported). */
    private static boolean initialised(Class<?> c) throws Exception {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field f = unsafeClass.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Method should = unsafeClass.getMethod("shouldBeInitialized", Class.class);
        return !(Boolean) should.invoke(f.get(null), c);
    }

    /** The entry count the archive in this class loader reports. */
    private static final class ZimArchiveTestFacts {
        int entries(byte[] bytes) {
            try (ZimArchive z = ZimArchive.open(ByteBuffer.wrap(bytes), ZimOptions.defaults())) {
                return z.entryCount();
            }
        }
    }
}
