/**
 * The contract between the library and the Concurrency Lab kernel, in one place: what the kernel
 * provides to the library while notebook code runs in it. Everything here works outside the kernel
 * too, where nothing is installed.
 * <ul>
 *   <li>{@link concurrencylab.spi.KernelServices}: the kernel installs its {@link concurrencylab.spi.ClassSource}
 *       (the classes and variables cells defined, which worker JVMs need to run a lambda typed in a
 *       cell), its {@link concurrencylab.spi.LiveDisplay} (progress that updates in place) and its
 *       {@link concurrencylab.spi.WidgetHost} (comms to the frontend's widget manager, callbacks run as
 *       cells run, their output in an {@link concurrencylab.spi.OutputArea});</li>
 *   <li>{@link concurrencylab.spi.NotebookClassPath}: the class path notebook code and child JVMs run
 *       with, which the kernelspec sets and {@code %maven} extends;</li>
 *   <li>{@link concurrencylab.spi.KernelRequiredException}: what the library throws, in one line, where
 *       notebook code needs the kernel and runs under another (IJava, JJava).</li>
 * </ul>
 * The library depends on nothing in the kernel; the kernel implements these types. {@code
 * docs/architecture.md} draws the parts.
 */
package concurrencylab.spi;
