package concurrencylab.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class JavaProgramTest {
    @Test
    void compilesAndRunsAProgramInItsOwnJvmWithItsOptionsAndArguments() throws Exception {
        var program = JavaProgram.compile("""
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello " + args[0] + " from " + ProcessHandle.current().pid());
                        System.out.println("interpreted: " + System.getProperty("java.vm.info").contains("interpreted mode"));
                        System.exit(7);
                    }
                }
                """);
        try {
            var run = program.run(Duration.ofSeconds(30), List.of("-Xint"), "class");
            assertTrue(run.ended());
            assertEquals(7, run.exitCode());
            assertTrue(run.lines().get(0).startsWith("hello class from "), run.output());
            assertNotEquals(ProcessHandle.current().pid(), Long.parseLong(run.lines().get(0).replaceAll(".* ", "")));
            assertEquals("interpreted: true", run.lines().get(1), "the JVM options reach the program's JVM");
        } finally {
            program.delete();
        }
    }

    @Test
    void aProgramStillRunningAtTheDeadlineIsStoppedAndSaysWhatItPrinted() throws Exception {
        var program = JavaProgram.compile("""
                public class Forever {
                    public static void main(String[] args) throws Exception {
                        System.out.println("started");
                        while (true) Thread.sleep(10);
                    }
                }
                """);
        var run = program.run(Duration.ofMillis(1500), List.of());
        assertFalse(run.ended());
        assertEquals(137, run.exitCode(), "stopped with SIGKILL at the deadline");
        assertEquals(List.of("started"), run.lines());
        program.delete();
    }

    @Test
    void anInterruptedWaitStopsTheProgram() throws Exception {
        var program = JavaProgram.compile("""
                public class Pid {
                    public static void main(String[] args) throws Exception {
                        System.out.println(ProcessHandle.current().pid());
                        Thread.sleep(60_000);
                    }
                }
                """);
        var pid = new ArrayBlockingQueue<String>(1);
        var outcome = new ArrayBlockingQueue<Throwable>(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            try (var jvm = program.start(List.of(), pid::add)) {
                jvm.join();
            } catch (Throwable t) {
                outcome.add(t);
            }
        });
        long child = Long.parseLong(pid.poll(30, TimeUnit.SECONDS));
        waiter.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.poll(10, TimeUnit.SECONDS));
        var handle = ProcessHandle.of(child);
        if (handle.isPresent()) handle.get().onExit().get(10, TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the program's JVM is gone");
        program.delete();
    }

    @Test
    void aCompileErrorSaysWhatJavacSaid() {
        var error = assertThrows(JavaProgram.CompileError.class, () -> JavaProgram.compile("""
                public class Broken {
                    public static void main(String[] args) { int x = "text"; }
                }
                """));
        assertTrue(error.getMessage().startsWith("Broken does not compile: "), error.getMessage());
        assertTrue(error.diagnostics().contains("incompatible types"), error.diagnostics());
        assertThrows(IllegalArgumentException.class, () -> JavaProgram.compile("class NotPublic {}"));
    }
}
