package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads Linux /proc: per-process CPU time and memory, machine CPU time. Unknown values are -1. */
final class ProcStats {

    /** Clock ticks per second of /proc CPU times (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** A field in kB of /proc/pid/status, such as VmHWM or VmRSS. */
    static long statusKb(long pid, String field) {
        return kbField(Path.of("/proc", String.valueOf(pid), "status"), field);
    }

    /** A field in kB of a /proc file of "Name:   value kB" lines, such as /proc/meminfo. */
    static long kbField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(
                            line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return -1;
    }

    /** User plus system CPU ticks of a process (all its threads), or 0 when it is gone. */
    static long cpuTicks(long pid) {
        String[] f = statFields(pid);
        return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** When the process started, in ticks since boot: with the pid, it names one process. */
    static long startTime(long pid) {
        String[] f = statFields(pid);
        return f == null ? -1 : Long.parseLong(f[19]);
    }

    /** The parent pid, or -1. */
    static long parent(long pid) {
        String[] f = statFields(pid);
        return f == null ? -1 : Long.parseLong(f[1]);
    }

    /** The fields of /proc/pid/stat after the command name: index 0 is the state, 1 the parent pid. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> pids.add(Long.parseLong(n)));
        } catch (IOException e) {
            // not Linux
        }
        return pids;
    }

    /**
     * The whole machine's CPU ticks since boot, from /proc/stat. Steal is time the hypervisor gave this
     * virtual machine's cores to others: counted as busy, though none of our processes ran. I/O wait is idle
     * time while some I/O was outstanding: counted as idle.
     */
    record MachineTicks(long total, long idle, long ioWait, long steal) {

        /** Busy share between an earlier sample and this one, in % of one core (200% is two cores). */
        double busyPctSince(MachineTicks earlier) {
            return pctOfCores(total - idle - (earlier.total - earlier.idle), total - earlier.total);
        }

        /** The part of the busy share the hypervisor took, in % of one core. */
        double stealPctSince(MachineTicks earlier) {
            return pctOfCores(steal - earlier.steal, total - earlier.total);
        }

        /** The part of the idle share spent with I/O outstanding, in % of one core. */
        double ioWaitPctSince(MachineTicks earlier) {
            return pctOfCores(ioWait - earlier.ioWait, total - earlier.total);
        }

        private static double pctOfCores(long ticks, long totalTicks) {
            return totalTicks <= 0 ? 0 : 100.0 * Runtime.getRuntime().availableProcessors() * ticks / totalTicks;
        }
    }

    static MachineTicks machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long ioWait = Long.parseLong(f[5]);
            return new MachineTicks(total, Long.parseLong(f[4]) + ioWait, ioWait, steal);
        } catch (IOException | RuntimeException e) {
            return new MachineTicks(0, 0, 0, 0);
        }
    }

    /**
     * Milliseconds each block device has spent with I/O in flight since boot (the tenth field after the name in
     * /proc/diskstats), by device name; empty when not Linux.
     */
    static Map<String, Long> diskBusyMillis() {
        Map<String, Long> busy = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 12) {
                    busy.put(f[2], Long.parseLong(f[12]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return busy;
    }
}
