package io.cobrowse.ingest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed-loop load: a fixed number of senders, each sending its next event as soon as the previous
 * one was answered, so throughput at that concurrency is what the system under test allows.
 * Requests answered inside the measured window count; warm-up ones do not.
 */
final class ClosedLoop {

    private final SinkFactory sinks;
    private final KafkaArrivals kafka;
    private final Delivery delivery;

    ClosedLoop(EventMix mix, SinkFactory sinks, KafkaArrivals kafka) {
        this.sinks = sinks;
        this.kafka = kafka;
        this.delivery = new Delivery(mix, kafka);
    }

    StepResult run(String mode, int concurrency, Duration warmup, Duration measured, boolean announce)
            throws InterruptedException {
        if (kafka != null) {
            kafka.startStep();
        }
        StepCounters counters = new StepCounters();
        StepWindow window = new StepWindow(String.valueOf(concurrency), warmup, measured);
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> send(window, counters), "sender-" + i);
            t.start();
            senders.add(t);
        }
        if (announce) {
            window.announce();
        }
        for (Thread t : senders) {
            t.join();
        }
        KafkaArrivals.Result arrivals = kafka == null ? null : kafka.finishStep(Duration.ofSeconds(20));
        return counters.result(mode, concurrency, null, window.measuredSeconds(), arrivals);
    }

    private void send(StepWindow window, StepCounters counters) {
        Latencies latencies = counters.threadLatencies();
        long sent = 0;
        EventSink sink = null;
        try {
            while (System.nanoTime() < window.end && sent++ < StepWindow.MAX_REQUESTS) {
                if (sink == null) {
                    sink = openOrWait(window, counters);
                    continue;
                }
                delivery.deliver(sink, window, counters, latencies, System.nanoTime(), null);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
    }

    /** A sink, or null after a pause when it cannot be opened (counted as an error inside the window). */
    private EventSink openOrWait(StepWindow window, StepCounters counters) throws InterruptedException {
        try {
            return sinks.open();
        } catch (Exception e) {
            if (window.measures(System.nanoTime())) {
                counters.failed(e);
            }
            Thread.sleep(100);
            return null;
        }
    }
}
