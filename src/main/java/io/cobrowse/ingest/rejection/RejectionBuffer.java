package io.cobrowse.ingest.rejection;

import io.cobrowse.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * This replica's refusals not yet written, oldest first. Bounded in count and bytes: a flood drops the oldest
 * (counted), which the table's own bound would soon have removed anyway. Cheap enough to be called on the event
 * loop.
 */
@ApplicationScoped
public class RejectionBuffer {

    private final int maxCount;
    private final long maxBytes;
    private final RejectionMetrics metrics;
    private final ArrayDeque<Rejection> held = new ArrayDeque<>();
    private long bytes;

    @Inject
    public RejectionBuffer(IngestConfig config, RejectionMetrics metrics) {
        this(config.rejections().bufferMaxCount(), config.rejections().bufferMaxBytes(), metrics);
    }

    RejectionBuffer(int maxCount, long maxBytes, RejectionMetrics metrics) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    public synchronized void add(Rejection rejection) {
        held.addLast(rejection);
        bytes += rejection.bytes();
        trim();
    }

    /** Everything held, oldest first, and the buffer empty. */
    synchronized List<Rejection> takeAll() {
        List<Rejection> all = new ArrayList<>(held);
        held.clear();
        bytes = 0;
        return all;
    }

    /** Refusals a write could not store, back ahead of those that came meanwhile; the bounds still hold. */
    synchronized void putBack(List<Rejection> rows) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            held.addFirst(rows.get(i));
            bytes += rows.get(i).bytes();
        }
        trim();
    }

    synchronized int size() {
        return held.size();
    }

    private void trim() {
        int dropped = 0;
        while (!held.isEmpty() && (held.size() > maxCount || bytes > maxBytes)) {
            bytes -= held.removeFirst().bytes();
            dropped++;
        }
        if (dropped > 0) {
            metrics.dropped(dropped);
        }
    }
}
