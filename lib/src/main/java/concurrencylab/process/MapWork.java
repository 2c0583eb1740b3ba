package concurrencylab.process;

import concurrencylab.workload.Workload;

import java.time.Duration;
import java.util.List;

/** {@link WorkerPool#map}'s calls as a workload: task i applies the function to input i. */
record MapWork<T, R>(RemoteFunction<? super T, ? extends R> function, List<? extends T> inputs) implements Workload {

    @Override
    public String description() {
        return "map over " + inputs.size() + " inputs";
    }

    @Override
    public int tasks() {
        return inputs.size();
    }

    @Override
    public Object runTask(int index) throws Exception {
        return function.apply(inputs.get(index));
    }

    /** Unknown: the function's cost is the caller's. */
    @Override
    public Duration idealTime(int workers, int cores) {
        return Duration.ZERO;
    }
}
