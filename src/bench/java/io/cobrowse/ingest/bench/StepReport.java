package io.cobrowse.ingest.bench;

/**
 * One concurrency level: the service and the baselines side by side.
 *
 * @param ratio service throughput divided by the baseline's
 * @param servicePeakRssMb the service's peak resident memory (VmHWM) at the end of this step
 * @param serviceDbWaits what the service's database connections were doing
 * @param dualWrite the dual-write receiver ({@link DualWriteReceiver}) at the same concurrency
 * @param serviceStatements what PostgreSQL ran for the service in the window, null where not measured
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
        ResourceUse dualWriteResources,
        StatementSampler.Use serviceStatements,
        StatementSampler.Use baselineStatements,
        StatementSampler.Use dualWriteStatements) {}
