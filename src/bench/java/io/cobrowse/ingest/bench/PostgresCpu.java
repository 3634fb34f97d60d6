package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a PostgreSQL server: the postmaster and every backend and worker it started. Backends
 * come and go with connections, and an exiting one is briefly in no counter at all (neither alive
 * nor yet added to its parent's reaped time), so this keeps the highest time seen of each process,
 * sampled in the background; it misses at most the last fraction of a second of one that exits.
 */
final class PostgresCpu implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 200;

    private final long postmaster;
    /** Highest ticks seen per process, keyed by pid and start time (pids are reused). */
    private final Map<String, Long> seen = new HashMap<>();

    private final Thread sampler;
    private volatile boolean running = true;

    private PostgresCpu(long postmaster) {
        this.postmaster = postmaster;
        sample();
        sampler = new Thread(this::sampleLoop, "postgres-cpu");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Follows the server whose data folder is given, or returns null when it is not running there. */
    static PostgresCpu of(Path dataDir) {
        try {
            long pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            return new PostgresCpu(pid);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Total ticks so far, after a fresh sample. */
    synchronized long ticks() {
        sample();
        return seen.values().stream().mapToLong(Long::longValue).sum();
    }

    private synchronized void sample() {
        record(postmaster);
        for (long pid : ProcStats.allPids()) {
            if (ProcStats.parent(pid) == postmaster) {
                record(pid);
            }
        }
    }

    private void record(long pid) {
        String key = pid + "@" + ProcStats.startTime(pid);
        seen.merge(key, ProcStats.cpuTicks(pid), Math::max);
    }

    private void sampleLoop() {
        while (running) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
