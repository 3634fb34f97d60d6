package io.cobrowse.ingest.bench;

/**
 * One concurrency level: the service and the baselines side by side.
 *
 * @param ratio service throughput divided by the baseline's
 * @param servicePeakRssMb the service's peak resident memory (VmHWM) at the end of this step
 * @param serviceDbWaits what the service's database connections were doing
 * @param dualWrite the dual-write receiver ({@link DualWriteReceiver}) at the same concurrency
 */
record StepReport(
        int concurrency,
        StepResult service,
        StepResult baseline,
        Double ratio,
        Long servicePeakRssMb,
        ResourceUse serviceResources,
        ResourceUse baselineResources,
        DbWaits serviceDbWaits,
        DbWaits baselineDbWaits,
        StepResult dualWrite,
        ResourceUse dualWriteResources) {}
