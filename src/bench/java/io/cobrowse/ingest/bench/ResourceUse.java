package io.cobrowse.ingest.bench;

import java.util.Map;

/**
 * Where the machine's CPU went during a measured window, in % of one core (200% is both cores of a
 * 2-core machine), and how many webhooks each database transaction carried. Null where the process
 * is not ours to observe (external PostgreSQL or Kafka). The machine's busy share includes the time stolen
 * by the hypervisor (also shown on its own).
 *
 * @param serviceThreadsPct the service's CPU by kind of thread (see {@link ServiceThreads})
 */
record ResourceUse(
        Double servicePct,
        Map<String, Double> serviceThreadsPct,
        Double postgresPct,
        Double kafkaPct,
        Double driverPct,
        double machineBusyPct,
        double machineStealPct,
        Double eventsPerTransaction) {

    /** A process's CPU in % of one core, at the given rate, as ms of CPU per event. */
    static double msPerEvent(double pct, double perSecond) {
        return pct * 10 / perSecond;
    }

    ResourceUse withEventsPerTransaction(Double perTransaction) {
        return new ResourceUse(
                servicePct,
                serviceThreadsPct,
                postgresPct,
                kafkaPct,
                driverPct,
                machineBusyPct,
                machineStealPct,
                perTransaction);
    }
}
