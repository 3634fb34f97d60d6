package io.cobrowse.ingest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Open-loop load: events arrive on a fixed schedule whatever the answers, as real senders do. The
 * latency of each is measured from when it was due, not from when a sender got to it, so a stalled
 * service shows in the numbers instead of slowing the load down (no coordinated omission). Each sender
 * owns every {@link #SENDERS}-th arrival and sleeps until it is due: no hand-off between threads per
 * request, which would cost the shared CPU more than the requests themselves. A sender still busy when
 * its next arrival is due sends it late, and that wait counts in the arrival's latency.
 */
final class OpenLoop {

    /** Senders for requests that overlap; far more than the expected in-flight count. */
    static final int SENDERS = 64;
    /** After the window, requests still due get this long to finish. */
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** The slowest acknowledgement is traced per slice of this length, to show when the tail happens. */
    private static final long TRACE_SLICE_NANOS = Duration.ofMillis(250).toNanos();

    private final SinkFactory sinks;
    private final KafkaArrivals kafka;
    private final Delivery delivery;

    OpenLoop(EventMix mix, SinkFactory sinks, KafkaArrivals kafka) {
        this.sinks = sinks;
        this.kafka = kafka;
        this.delivery = new Delivery(mix, kafka);
    }

    StepResult run(double perSecond, Duration warmup, Duration measured) throws InterruptedException {
        if (kafka != null) {
            kafka.startStep();
        }
        StepCounters counters = new StepCounters();
        StepWindow window = new StepWindow(Benchmark.OPEN_LOOP, warmup, measured);
        long deadline = window.end + DRAIN.toNanos();
        double interval = 1e9 / perSecond;
        AtomicLongArray slowest =
                new AtomicLongArray((int) ((window.end - window.measureFrom) / TRACE_SLICE_NANOS) + 1);
        List<Thread> senders = new ArrayList<>();
        List<Latencies> lateness = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            int first = i;
            Latencies late = new Latencies();
            lateness.add(late);
            Thread t = new Thread(
                    () -> send(first, interval, window, deadline, counters, slowest, late), "open-sender-" + i);
            t.start();
            senders.add(t);
        }
        Thread announcer = new Thread(window::announce, "window");
        announcer.start();
        SliceMachineUse machine = new SliceMachineUse(window, TRACE_SLICE_NANOS);
        Thread sampler = new Thread(machine::run, "machine-use");
        sampler.start();
        announcer.join();
        sampler.join();
        for (Thread t : senders) {
            t.join();
        }
        // into the driver's log: a tail that comes from a few stalls shows as a few slow slices
        StringBuilder trace = new StringBuilder("open loop, slowest acknowledgement per 250 ms of arrivals (ms):");
        for (int i = 0; i < slowest.length(); i++) {
            trace.append(' ').append(slowest.get(i) / 1_000_000);
        }
        System.out.println(trace);
        System.out.println(machine.describe());
        // also in the latencies: how late the senders sent, because the driver paused or a sender still waited for
        // its previous answer
        Latencies late = Latencies.merge(lateness);
        System.out.printf(
                Locale.ROOT,
                "open loop, sends later than due (ms): p50 %.1f, p99 %.1f, max %.1f%n",
                late.percentileMillis(50),
                late.percentileMillis(99),
                late.maxMillis());
        KafkaArrivals.Result arrivals = kafka == null ? null : kafka.finishStep(Duration.ofSeconds(20));
        return counters.result(Benchmark.OPEN_LOOP, SENDERS, perSecond, window.measuredSeconds(), arrivals);
    }

    /** Sends arrivals first, first + SENDERS, first + 2 * SENDERS, ... of the window, each when due. */
    private void send(
            int first,
            double interval,
            StepWindow window,
            long deadline,
            StepCounters counters,
            AtomicLongArray slowest,
            Latencies late) {
        Latencies latencies = counters.threadLatencies();
        try (EventSink sink = sinks.open()) {
            for (long k = first; ; k += SENDERS) {
                long at = window.start + (long) (k * interval);
                if (at >= window.end) {
                    return;
                }
                if (System.nanoTime() >= deadline) {
                    // what could not even be sent before the drain ended counts as failed
                    if (window.measures(at)) {
                        counters.failed(new TimeoutException());
                    }
                    continue;
                }
                StepWindow.sleepUntil(at);
                if (window.measures(at)) {
                    late.add(System.nanoTime() - at);
                }
                // counted by when it was due: the window holds a fixed number of arrivals
                long latency = delivery.deliver(sink, window, counters, latencies, at, at);
                int slice = (int) ((at - window.measureFrom) / TRACE_SLICE_NANOS);
                if (latency >= 0 && slice >= 0 && slice < slowest.length()) {
                    slowest.accumulateAndGet(slice, latency, Math::max);
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            counters.failed(ex);
        }
    }
}
