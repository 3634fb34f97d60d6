package io.cobrowse.ingest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Open-loop load: events arrive on a fixed schedule whatever the answers, as real senders do. The
 * latency of each is measured from when it was due, not from when a free sender took it, so a
 * stalled service shows in the numbers instead of slowing the load down (no coordinated omission).
 */
final class OpenLoop {

    /** Senders available for requests that overlap; far more than the expected in-flight count. */
    static final int SENDERS = 64;
    /** After the window, requests still queued get this long to finish. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final SinkFactory sinks;
    private final KafkaArrivals kafka;
    private final Delivery delivery;

    OpenLoop(EventMix mix, SinkFactory sinks, KafkaArrivals kafka) {
        this.sinks = sinks;
        this.kafka = kafka;
        this.delivery = new Delivery(mix, kafka);
    }

    StepResult run(double perSecond, Duration warmup, Duration measured) throws InterruptedException {
        kafka.startStep();
        StepCounters counters = new StepCounters();
        StepWindow window = new StepWindow(Benchmark.OPEN_LOOP, warmup, measured);
        LinkedBlockingQueue<Long> due = new LinkedBlockingQueue<>();
        long deadline = window.end + DRAIN.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Thread t = new Thread(() -> send(due, window, deadline, counters), "open-sender-" + i);
            t.start();
            senders.add(t);
        }
        Thread announcer = new Thread(window::announce, "window");
        announcer.start();
        double interval = 1e9 / perSecond;
        for (long i = 0; ; i++) {
            long at = window.start + (long) (i * interval);
            if (at >= window.end) {
                break;
            }
            StepWindow.sleepUntil(at);
            due.add(at);
        }
        announcer.join();
        for (Thread t : senders) {
            t.join();
        }
        // what the senders could not even start counts as failed
        for (Long at = due.poll(); at != null; at = due.poll()) {
            if (window.measures(at)) {
                counters.failed(new TimeoutException());
            }
        }
        KafkaArrivals.Result arrivals = kafka.finishStep(Duration.ofSeconds(20));
        return counters.result("open", SENDERS, perSecond, window.measuredSeconds(), arrivals);
    }

    private void send(LinkedBlockingQueue<Long> due, StepWindow window, long deadline, StepCounters counters) {
        Latencies latencies = counters.threadLatencies();
        try (EventSink sink = sinks.open()) {
            while (System.nanoTime() < deadline) {
                Long at = due.poll(50, TimeUnit.MILLISECONDS);
                if (at == null) {
                    if (System.nanoTime() >= window.end) {
                        return;
                    }
                    continue;
                }
                // counted by when it was due: the window holds a fixed number of arrivals
                delivery.deliver(sink, window, counters, latencies, at, at);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            counters.failed(ex);
        }
    }
}
