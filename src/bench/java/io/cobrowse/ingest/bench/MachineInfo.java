package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run measured, so results from different machines are not compared blindly. */
record MachineInfo(int cores, long memoryTotalMb, long memoryAvailableMb, String cpuModel, String os, String java) {

    static MachineInfo read() {
        Path meminfo = Path.of("/proc/meminfo");
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                ProcStats.kbField(meminfo, "MemTotal") / 1024,
                ProcStats.kbField(meminfo, "MemAvailable") / 1024,
                readCpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static String readCpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    String describe() {
        return hardware() + ", " + os + ", " + java;
    }

    /** The machine and JDK lines that head each results.md. */
    String markdownLines() {
        return "- Machine: " + hardware() + ", " + os + '\n' + "- JDK: " + java + '\n';
    }

    /** Cores and memory. */
    String hardware() {
        return cores + " cores (" + cpuModel + "), " + memoryTotalMb + " MB memory (" + memoryAvailableMb
                + " MB available at start)";
    }
}
