// A package: cells, in JShell's package REPL, cannot see the unnamed one. Compiled into classes/ by the test, for the notebook's %classpath.
package demo;

public class Hello {
    public static final String NAME = "a directory of classes";
}
