// A package: cells, in JShell's package REPL, cannot see the unnamed one. Compiled into libs/greeting.jar by the test, for the notebook's %jars.
package demo;

public class Greeting {
    public String hello() {
        return "hello from a jar";
    }
}
