package concurrencylab.spi;

/**
 * Thrown where notebook code asks for something only the Concurrency Lab kernel provides, run under
 * another kernel (IJava, JJava) or none: a lambda or class typed in a cell, sent to a worker JVM, needs
 * the kernel's {@link ClassSource}. Its message is the whole story in one line, and it carries no
 * stack trace, so another kernel shows that line instead of a trace.
 *
 * <pre>{@code
 * if (KernelServices.classSource() == null) {
 *     throw new KernelRequiredException("JvmProcess.start(() -> ...) with code from a notebook cell",
 *             "put the code in a class on the class path and start it with JvmProcess.start(MyMain.class)");
 * }
 * }</pre>
 */
public final class KernelRequiredException extends UnsupportedOperationException {

    /** {@code what} needs the Concurrency Lab kernel; {@code instead} says what to do under another kernel. */
    public KernelRequiredException(String what, String instead) {
        super(what + " needs the Concurrency Lab kernel (this notebook runs under another kernel); " + instead);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // one line in any kernel's error output: the message says where and what to do
    }
}
