package io.cobrowse.ingest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine's busy and stolen CPU per slice of an open-loop step's measured window, sampled from /proc/stat at
 * the slice boundaries: set beside the slowest acknowledgement per slice, it shows whether a slow slice was one in
 * which the machine was saturated or the hypervisor took its cores.
 */
final class SliceMachineUse {

    private final StepWindow window;
    private final long sliceNanos;
    private final List<ProcStats.MachineTicks> samples = new ArrayList<>();

    SliceMachineUse(StepWindow window, long sliceNanos) {
        this.window = window;
        this.sliceNanos = sliceNanos;
    }

    /** Samples at each slice boundary of the measured window; returns after its end. */
    void run() {
        for (long at = window.measureFrom; at <= window.end; at += sliceNanos) {
            StepWindow.sleepUntil(at);
            samples.add(ProcStats.machineTicks());
        }
    }

    /** Two lines, busy and stolen, in % of one core per slice. */
    String describe() {
        StringBuilder busy = new StringBuilder("open loop, machine busy % per 250 ms (of "
                + Runtime.getRuntime().availableProcessors() * 100 + "):");
        StringBuilder stolen = new StringBuilder("open loop, of which stolen by the hypervisor %:");
        for (int i = 1; i < samples.size(); i++) {
            ProcStats.MachineTicks a = samples.get(i - 1);
            ProcStats.MachineTicks b = samples.get(i);
            busy.append(String.format(Locale.ROOT, " %.0f", b.busyPctSince(a)));
            stolen.append(String.format(Locale.ROOT, " %.0f", b.stealPctSince(a)));
        }
        return busy + System.lineSeparator() + stolen;
    }
}
