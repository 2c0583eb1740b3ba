package concurrencylab.kernel.threads;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Stack frames as a reader of a thread table wants them: parsed back from the text a thread dump
 * writes, and the one call a waiting thread is in ({@code Thread.sleep}, {@code ReentrantLock.lock})
 * found under the JDK's internals.
 *
 * <pre>{@code
 * Frames.parse("java.base/java.lang.Thread.sleep(Thread.java:540)");   // a StackTraceElement
 * Frames.call(stack);                                                  // "Thread.sleep"
 * }</pre>
 */
public final class Frames {
    private Frames() {}

    private static final Pattern HIDDEN_SUFFIX = Pattern.compile("0x[0-9a-fA-F]+");

    /**
     * Parses {@link StackTraceElement#toString()}'s form, {@code [loader/][module@version/]class.method(file:line)};
     * a hidden class keeps its {@code /0x...} suffix.
     */
    public static StackTraceElement parse(String frame) {
        int open = frame.lastIndexOf('(');
        String head = open < 0 ? frame : frame.substring(0, open);
        String where = open < 0 ? "" : frame.substring(open + 1, frame.endsWith(")") ? frame.length() - 1 : frame.length());
        int dot = head.lastIndexOf('.');
        String method = head.substring(dot + 1);
        String[] parts = head.substring(0, Math.max(0, dot)).split("/", -1);
        String cls = parts[parts.length - 1];
        if (parts.length > 1 && HIDDEN_SUFFIX.matcher(cls).matches()) cls = parts[parts.length - 2] + "/" + cls;
        String file = null;
        int line = -1;
        if (where.equals("Native Method")) {
            line = -2;
        } else if (!where.isEmpty() && !where.equals("Unknown Source")) {
            int colon = where.lastIndexOf(':');
            if (colon > 0 && where.substring(colon + 1).matches("\\d+")) {
                file = where.substring(0, colon);
                line = Integer.parseInt(where.substring(colon + 1));
            } else {
                file = where;
            }
        }
        return new StackTraceElement(cls, method, file, line);
    }

    /**
     * The call a thread is in, the JDK's method that its own code called: {@code Thread.sleep},
     * {@code ReentrantLock.lock}, {@code Thread.join}, {@code LinkedBlockingQueue.take}; for a thread
     * that runs only the JDK's code (an idle pool worker), its innermost method that is not how threads
     * wait; null when its innermost frame is its own code (it runs, or blocks entering {@code synchronized}).
     */
    public static String call(List<StackTraceElement> stack) {
        for (int i = 0; i < stack.size(); i++) {
            if (!isJdk(stack.get(i).getClassName())) return i == 0 ? null : name(stack.get(i - 1));
        }
        for (StackTraceElement f : stack) {
            if (!isMachinery(f)) return name(f);
        }
        return stack.isEmpty() ? null : name(stack.getFirst());
    }

    /** A class of the JDK (so not cell or library code). */
    static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                || cls.startsWith("com.sun.");
    }

    /** Frames of how a thread waits, not of what it does: parking, the virtual-thread scheduler, native waits. */
    private static boolean isMachinery(StackTraceElement f) {
        String cls = f.getClassName();
        String m = f.getMethodName();
        return cls.startsWith("jdk.internal.") || cls.startsWith("sun.") || cls.equals("java.lang.VirtualThread")
                || cls.startsWith("java.lang.System$") || cls.equals("java.util.concurrent.locks.LockSupport")
                || cls.startsWith("java.util.concurrent.locks.AbstractQueuedSynchronizer")
                || m.endsWith("0") || m.endsWith("Nanos");
    }

    /** {@code ReentrantLock.lock}: the simple class name (without a hidden class's suffix) and the method. */
    private static String name(StackTraceElement f) {
        return simpleName(f.getClassName()) + "." + f.getMethodName();
    }

    private static String simpleName(String cls) {
        String name = cls.substring(cls.lastIndexOf('.') + 1);
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }
}
