package io.cobrowse.ingest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine's busy and stolen CPU per slice of an open-loop step's measured window, its CPU time waiting for I/O
 * and its busiest disk's busy share, sampled from /proc at the slice boundaries: set beside the slowest
 * acknowledgement per slice, it shows whether a slow slice was one in which the machine was saturated, the
 * hypervisor took its cores, or the disk (where every commit waits for its WAL flush) was busy.
 */
final class SliceMachineUse {

    private final StepWindow window;
    private final long sliceNanos;
    private final List<Sample> samples = new ArrayList<>();

    /** The machine's CPU ticks and each block device's busy milliseconds, both since boot, at one boundary. */
    private record Sample(ProcStats.MachineTicks cpu, Map<String, Long> diskBusyMillis) {}

    SliceMachineUse(StepWindow window, long sliceNanos) {
        this.window = window;
        this.sliceNanos = sliceNanos;
    }

    /** Samples at each slice boundary of the measured window; returns after its end. */
    void run() {
        for (long at = window.measureFrom; at <= window.end; at += sliceNanos) {
            StepWindow.sleepUntil(at);
            samples.add(new Sample(ProcStats.machineTicks(), ProcStats.diskBusyMillis()));
        }
    }

    /** Four lines, per slice: busy, stolen and I/O wait in % of one core, and the busiest disk's busy %. */
    String describe() {
        StringBuilder busy = new StringBuilder("open loop, machine busy % per " + sliceNanos / 1_000_000 + " ms (of "
                + Runtime.getRuntime().availableProcessors() * 100 + "):");
        StringBuilder stolen = new StringBuilder("open loop, of which stolen by the hypervisor %:");
        StringBuilder ioWait = new StringBuilder("open loop, CPU idle waiting for I/O %:");
        StringBuilder disk = new StringBuilder("open loop, busiest disk busy %:");
        for (int i = 1; i < samples.size(); i++) {
            ProcStats.MachineTicks a = samples.get(i - 1).cpu();
            ProcStats.MachineTicks b = samples.get(i).cpu();
            busy.append(String.format(Locale.ROOT, " %.0f", b.busyPctSince(a)));
            stolen.append(String.format(Locale.ROOT, " %.0f", b.stealPctSince(a)));
            ioWait.append(String.format(Locale.ROOT, " %.0f", b.ioWaitPctSince(a)));
            disk.append(String.format(
                    Locale.ROOT,
                    " %.0f",
                    busiestDiskPct(
                            samples.get(i - 1).diskBusyMillis(), samples.get(i).diskBusyMillis())));
        }
        return String.join(System.lineSeparator(), busy, stolen, ioWait, disk);
    }

    private double busiestDiskPct(Map<String, Long> before, Map<String, Long> after) {
        long most = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            most = Math.max(most, e.getValue() - before.getOrDefault(e.getKey(), e.getValue()));
        }
        return Math.min(100.0, 100.0 * most / (sliceNanos / 1_000_000.0));
    }
}
