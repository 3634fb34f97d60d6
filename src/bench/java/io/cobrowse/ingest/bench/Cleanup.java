package io.cobrowse.ingest.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stops what the benchmark started, newest first, exactly once: at the end of a run, on failure, or
 * from the shutdown hook on Ctrl-C.
 */
final class Cleanup {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    Cleanup() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "benchmark-stop"));
    }

    synchronized <T extends AutoCloseable> T add(T resource) {
        if (closed) {
            closeQuietly(resource);
            throw new IllegalStateException("the benchmark is stopping");
        }
        resources.push(resource);
        return resource;
    }

    synchronized void remove(AutoCloseable resource) {
        resources.remove(resource);
    }

    synchronized void closeAll() {
        closed = true;
        while (!resources.isEmpty()) {
            closeQuietly(resources.pop());
        }
    }

    private static void closeQuietly(AutoCloseable r) {
        try {
            r.close();
        } catch (Exception e) {
            System.err.println("could not stop " + r + ": " + e);
        }
    }
}
