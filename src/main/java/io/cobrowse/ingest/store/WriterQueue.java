package io.cobrowse.ingest.store;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhooks waiting for a writer, bounded in count and in bytes of their bodies: bodies of up to the
 * body limit each, a queue bounded by count alone could hold gigabytes.
 */
final class WriterQueue {

    private final BlockingQueue<Work> queue;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();

    WriterQueue(int capacity, long maxBytes) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBytes = maxBytes;
    }

    /** False when the queue is full, by count or by bytes: nothing was queued. */
    boolean offer(Work work) {
        long size = work.bodyBytes();
        if (bytes.addAndGet(size) > maxBytes || !queue.offer(work)) {
            bytes.addAndGet(-size);
            return false;
        }
        return true;
    }

    /**
     * Waits up to the timeout for a webhook, then adds it and whatever else is waiting, up to {@code max}
     * in all, to the empty list given; false when none came.
     */
    boolean take(List<Work> into, int max, long timeoutMillis) throws InterruptedException {
        Work first = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        into.add(first);
        queue.drainTo(into, max - 1);
        into.forEach(w -> bytes.addAndGet(-w.bodyBytes()));
        return true;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
