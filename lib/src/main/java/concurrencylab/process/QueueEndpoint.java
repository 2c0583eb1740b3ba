package concurrencylab.process;

/**
 * What a {@link ProcessQueue} does with its items, on either side: {@link LocalQueue} in the JVM
 * that created the queue and keeps them, {@link RemoteQueue} in any other, over a socket. Items
 * travel as {@link ValueCodec} messages.
 */
interface QueueEndpoint {
    /** The sentinel as {@link #take} and {@link #poll} return it: compared by identity, never an item's bytes. */
    byte[] END_MARK = new byte[0];

    /** Adds an item at the tail, waiting while a bounded queue is full. */
    void put(byte[] item) throws InterruptedException;

    /** Adds the sentinel. */
    void putEnd() throws InterruptedException;

    /** Removes the head, waiting while the queue is empty: an item, or {@link #END_MARK}. */
    byte[] take() throws InterruptedException;

    /** Like {@link #take}, but waits at most {@code nanos}: null when nothing came in time. */
    byte[] poll(long nanos) throws InterruptedException;

    void taskDone() throws InterruptedException;

    /** Waits until every item put has been matched by a {@link #taskDone}. */
    void join() throws InterruptedException;

    /** Items waiting now, sentinels included. */
    int size() throws InterruptedException;

    /** Closes the queue (in the JVM that keeps the items) or this JVM's connections to it (elsewhere). */
    void close();
}
