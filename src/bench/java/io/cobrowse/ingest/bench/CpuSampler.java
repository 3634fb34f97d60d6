package io.cobrowse.ingest.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Samples the CPU time of the service, PostgreSQL, Kafka and the driver from /proc at the start and
 * the end of each measured window: it shows which process bounds the throughput on a machine with
 * few cores.
 */
final class CpuSampler implements AutoCloseable {

    record Snapshot(
            long nanos,
            long service,
            Map<String, Long> serviceThreads,
            long postgres,
            long kafka,
            long driver,
            ProcStats.MachineTicks machine) {}

    private final long servicePid;
    private final PostgresCpu postgres;
    private final long kafkaPid;

    CpuSampler(long servicePid, Optional<Path> localInfraDir) {
        this.servicePid = servicePid;
        this.postgres =
                localInfraDir.map(d -> PostgresCpu.of(d.resolve("postgres"))).orElse(null);
        this.kafkaPid = localInfraDir.map(d -> kafkaPid(d.resolve("kafka"))).orElse(-1L);
    }

    Snapshot take(long driverPid) {
        return new Snapshot(
                System.nanoTime(),
                ProcStats.cpuTicks(servicePid),
                ServiceThreads.ticksByKind(servicePid),
                postgres == null ? 0 : postgres.ticks(),
                kafkaPid < 0 ? 0 : ProcStats.cpuTicks(kafkaPid),
                ProcStats.cpuTicks(driverPid),
                ProcStats.machineTicks());
    }

    ResourceUse between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        return new ResourceUse(
                pct(b.service() - a.service(), seconds),
                ServiceThreads.pctBetween(a.serviceThreads(), b.serviceThreads(), seconds),
                postgres == null ? null : pct(b.postgres() - a.postgres(), seconds),
                kafkaPid < 0 ? null : pct(b.kafka() - a.kafka(), seconds),
                pct(b.driver() - a.driver(), seconds),
                round(b.machine().busyPctSince(a.machine())),
                round(b.machine().stealPctSince(a.machine())),
                null);
    }

    private static double pct(long ticks, double seconds) {
        return round(100.0 * ticks / ProcStats.TICKS_PER_SECOND / seconds);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The broker JVM started for this run: its command line names the run's broker folder. */
    /** The broker started in this folder, or -1. */
    static long kafkaPid(Path brokerDir) {
        String dir = brokerDir.toAbsolutePath().toString();
        return ProcStats.allPids().stream()
                .filter(pid -> {
                    String cmd = ProcStats.commandLine(pid);
                    return cmd.contains("kafka.Kafka") && cmd.contains(dir);
                })
                .findFirst()
                .orElse(-1L);
    }

    @Override
    public void close() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    public String toString() {
        return "the CPU sampler";
    }
}
