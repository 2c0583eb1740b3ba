package concurrencylab.kernel.exec;

import org.junit.jupiter.api.Test;

import javax.tools.ToolProvider;
import java.lang.classfile.ClassHierarchyResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class CellCodeTest {

    /** Compiles {@code source} (class {@code name} in the unnamed package) and returns its class file bytes. */
    private static byte[] compile(String name, String source) throws Exception {
        Path dir = Files.createTempDirectory("cellcode");
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "javac");
        return Files.readAllBytes(dir.resolve(name + ".class"));
    }

    /** Loads the instrumented class next to the generated stop-flag class. */
    private static Class<?> load(String name, byte[] bytes) throws Exception {
        var loader = new ClassLoader(CellCodeTest.class.getClassLoader()) {
            Class<?> define(String n, byte[] b) {
                return defineClass(n, b, 0, b.length);
            }
        };
        loader.define(CellCode.CANCEL_CLASS, CellCode.cancelClass());
        return loader.define(name, CellCode.instrument(bytes, ClassHierarchyResolver.defaultResolver()));
    }

    @Test
    void exitCallsThrowInsteadOfEndingTheJvm() throws Exception {
        byte[] bytes = compile("Quitter", """
                public class Quitter {
                    public static void viaSystem() { System.exit(3); }
                    public static void viaRuntime() { Runtime.getRuntime().exit(4); }
                    public static void viaHalt() { Runtime.getRuntime().halt(5); }
                }""");
        Class<?> quitter = load("Quitter", bytes);
        for (String[] call : new String[][]{{"viaSystem", "System.exit(3)"}, {"viaRuntime", "Runtime.exit(4)"}, {"viaHalt", "Runtime.halt(5)"}}) {
            var e = assertThrows(InvocationTargetException.class, () -> quitter.getMethod(call[0]).invoke(null));
            assertInstanceOf(ExitNotAllowedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith(call[1] + " is not allowed in a notebook"), e.getCause().getMessage());
        }
    }

    @Test
    void stopFlagEndsABusyLoop() throws Exception {
        byte[] bytes = compile("Spinner", """
                public class Spinner {
                    public static volatile long spins;
                    public static void spin() { while (true) { spins++; } }
                }""");
        Class<?> spinner = load("Spinner", bytes);
        Class<?> cancel = spinner.getClassLoader().loadClass(CellCode.CANCEL_CLASS);
        var failure = new AtomicReference<Throwable>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                spinner.getMethod("spin").invoke(null);
            } catch (Throwable e) {
                failure.set(e.getCause());
            }
        });
        Thread.sleep(50);
        assertTrue(t.isAlive(), "spinning until stopped");
        cancel.getField("allStop").setBoolean(null, true);
        t.join(2000);
        assertFalse(t.isAlive(), "the loop checked the stop flag and ended");
        assertInstanceOf(CellStopped.class, failure.get());
        assertTrue(spinner.getField("spins").getLong(null) > 0);
    }

    @Test
    void aThreadTheStopEndsPrintsNothingOtherErrorsStillPrint() throws Exception {
        CellStopped.endThreadsQuietly();
        var err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Runnable stopped = () -> { throw new CellStopped(); };
            Thread.ofPlatform().start(stopped).join();
            Thread.ofVirtual().start(stopped).join();
            var pool = Executors.newFixedThreadPool(1);
            pool.execute(stopped);
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
            assertEquals("", err.toString(StandardCharsets.UTF_8), "a thread the stop ends says nothing");
            Thread.ofPlatform().name("failing").start(() -> { throw new IllegalStateException("boom"); }).join();
        } finally {
            System.setErr(stderr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Exception in thread \"failing\" java.lang.IllegalStateException: boom"),
                err.toString(StandardCharsets.UTF_8));
    }
}
