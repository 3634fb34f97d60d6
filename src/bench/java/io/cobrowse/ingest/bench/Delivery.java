package io.cobrowse.ingest.bench;

/** Sends one event and records its outcome, the same way for closed- and open-loop load. */
final class Delivery {

    private final EventMix mix;
    private final KafkaArrivals kafka;

    Delivery(EventMix mix, KafkaArrivals kafka) {
        this.mix = mix;
        this.kafka = kafka;
    }

    /**
     * @param startedAt when the event's latency starts (sent, or due in an open loop)
     * @param countedAt the instant that decides whether it belongs to the measured window; null for when it
     *            was answered
     * @return the latency in nanoseconds when it was measured, otherwise -1
     */
    long deliver(
            EventSink sink,
            StepWindow window,
            StepCounters counters,
            Latencies latencies,
            long startedAt,
            Long countedAt)
            throws InterruptedException {
        GeneratedEvent e = mix.next();
        int status = -1;
        Exception failure = null;
        try {
            status = sink.deliver(e);
        } catch (Exception ex) {
            failure = ex;
        }
        long done = System.nanoTime();
        mix.release(e, status);
        if (!window.measures(countedAt != null ? countedAt : done)) {
            return -1;
        }
        if (failure != null) {
            counters.failed(failure);
            return -1;
        }
        counters.count(status, e.body().length);
        latencies.add(done - startedAt);
        if (status == EventSink.ACCEPTED && kafka != null) {
            kafka.acked(e.webhookId(), done);
        }
        return done - startedAt;
    }
}
