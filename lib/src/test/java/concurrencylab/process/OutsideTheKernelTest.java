package concurrencylab.process;

import REPL.$JShell$7;
import concurrencylab.spi.KernelRequiredException;
import concurrencylab.spi.KernelServices;
import concurrencylab.spi.NotebookClassPath;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The library under another kernel (IJava, JJava), where KernelServices has nothing installed. */
class OutsideTheKernelTest {

    @Test
    void codeFromANotebookCellIsRefusedInOneLineNamingTheKernelItNeeds() throws Exception {
        assertNull(KernelServices.classSource(), "these tests run outside the kernel");
        var e = assertThrows(KernelRequiredException.class, () -> JvmProcess.start($JShell$7.task()));
        assertEquals("JvmProcess.start with a lambda or class defined in a notebook cell needs the Concurrency Lab kernel"
                + " (this notebook runs under another kernel); put that code in a class in a jar added with %jars,"
                + " or open the notebook with the Concurrency Lab kernel", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "another kernel prints the trace: there is none, only the line");
        try (var pool = WorkerPool.start(1)) {
            e = assertThrows(KernelRequiredException.class, () -> pool.submit($JShell$7.call()));
            assertTrue(e.getMessage().startsWith("WorkerPool with a lambda or class defined in a notebook cell needs the Concurrency Lab kernel"),
                    e.getMessage());
            assertEquals(42, pool.submit(() -> 6 * 7).get(), "code on the class path still runs");
        }
    }

    @Test
    void childJvmsGetTheJarTheLibraryCameFrom() throws Exception {
        String here = Path.of(NotebookClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertTrue(List.of(NotebookClassPath.get().split(File.pathSeparator)).contains(here), NotebookClassPath.get());
    }
}
