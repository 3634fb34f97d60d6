package io.cobrowse.ingest.bench;

import java.util.List;

/**
 * Everything one run measured.
 *
 * @param commit the abbreviated commit of the code measured, "unknown" outside a git checkout
 * @param serviceWarmUp the service's rate in each warm-up slice, until it levelled off
 * @param baselineWarmUp the same for the baseline
 * @param openLoop the service at half its peak closed-loop rate
 * @param baselineOpenLoop the baseline at the same offered rate
 * @param servicePeakRssMb the largest VmHWM of the service seen during the run
 * @param serviceLogErrors ERROR lines the service logged during the run
 */
record BenchReport(
        String startedAt,
        String commit,
        MachineInfo machine,
        BenchSettings settings,
        List<Double> serviceWarmUp,
        List<Double> baselineWarmUp,
        List<StepReport> steps,
        StepResult openLoop,
        ResourceUse openLoopResources,
        DbWaits openLoopDbWaits,
        StepResult baselineOpenLoop,
        ResourceUse baselineOpenLoopResources,
        DbWaits baselineOpenLoopDbWaits,
        Long servicePeakRssMb,
        long serviceLogErrors,
        long serviceLogWarnings) {

    /** The open-loop step's goal: acknowledgements within 50 ms at the 99th percentile. */
    static final double OPEN_LOOP_P99_TARGET_MS = 50;
}
