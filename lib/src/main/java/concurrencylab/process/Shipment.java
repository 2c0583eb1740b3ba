package concurrencylab.process;

import concurrencylab.spi.KernelServices;
import concurrencylab.spi.ClassSource;
import concurrencylab.workload.Workload;

import java.io.IOException;
import java.io.NotSerializableException;
import java.util.Map;

/**
 * What one {@link WorkerPool} call sends to every worker it uses, made once per call: the workload
 * serialized, and (under the kernel) the cells' classes and the variables of the cells the workload
 * refers to, with their values as they are now, as a fork would copy them.
 *
 * @param work      the serialized workload
 * @param classes   the cells' classes by binary name; empty outside the kernel
 * @param variables the variables of the cells the workload uses, by wrapper class and field name
 */
record Shipment(byte[] work, Map<String, byte[]> classes, Map<String, Map<String, Object>> variables) {

    /**
     * @throws IllegalArgumentException when the workload cannot be serialized, saying where to define it
     * @throws concurrencylab.spi.KernelRequiredException when it is code from a notebook cell and no kernel sends the cells' classes
     */
    static Shipment of(Workload work) {
        byte[] bytes;
        try {
            bytes = ValueCodec.serialize(work);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the workload " + work.getClass().getName() + " cannot be sent to worker JVMs ("
                    + e.getMessage() + " is not serializable); define it as a class on the class path, not in a notebook cell", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the workload cannot be sent to worker JVMs: " + e.getMessage(), e);
        }
        ClassSource source = KernelServices.classSource();
        if (source == null) {
            CellClassGraph.requireCellClassesAvailable(bytes, "WorkerPool");
            return new Shipment(bytes, Map.of(), Map.of());
        }
        Map<String, byte[]> classes = source.classes();
        return new Shipment(bytes, classes, source.variables(CellClassGraph.wrappersUsedBy(bytes, classes)));
    }
}
