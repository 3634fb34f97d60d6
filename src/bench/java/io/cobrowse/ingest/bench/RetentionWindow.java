package io.cobrowse.ingest.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Follows one peak run for the retention benchmark: what the usual recorder keeps (results, CPU), and the rows the
 * service's retention removed during the measured window, per kind, from its metrics.
 */
final class RetentionWindow implements DriverProcess.Listener {

    final WindowRecorder recorder;
    private final RetentionScrape scrape;
    private RetentionScrape.Totals atStart;
    private long startNanos;
    /** Rows removed per second of the window, per kind; empty when the metrics could not be read. */
    final Map<String, Double> removedPerSecond = new HashMap<>();

    RetentionWindow(WindowRecorder recorder, RetentionScrape scrape) {
        this.recorder = recorder;
        this.scrape = scrape;
    }

    @Override
    public void windowStarted(String step) {
        atStart = read();
        startNanos = System.nanoTime();
        recorder.windowStarted(step);
    }

    @Override
    public void windowEnded(String step) {
        recorder.windowEnded(step);
        RetentionScrape.Totals atEnd = read();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (atStart != null && atEnd != null) {
            for (String kind : atEnd.rows().keySet()) {
                removedPerSecond.put(kind, (atEnd.rows(kind) - atStart.rows(kind)) / seconds);
            }
        }
    }

    @Override
    public void result(StepResult result) {
        recorder.result(result);
    }

    @Override
    public void warmUpSlice(double perSecond, double jitPercent) {
        recorder.warmUpSlice(perSecond, jitPercent);
    }

    private RetentionScrape.Totals read() {
        try {
            return scrape.read();
        } catch (Exception e) {
            System.err.println("Could not read the retention metrics: " + e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }
}
