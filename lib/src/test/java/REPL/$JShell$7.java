package REPL;

import concurrencylab.process.RemoteCallable;
import concurrencylab.process.RemoteTask;

/** Stands for the class JShell makes of a notebook cell (REPL.$JShell$7): code typed in a cell, as another kernel runs it. */
public class $JShell$7 {
    public static RemoteTask task() {
        return () -> System.out.println("from a cell");
    }

    public static RemoteCallable<Integer> call() {
        return () -> 6 * 7;
    }
}
