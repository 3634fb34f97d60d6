package io.cobrowse.ingest.bench;

import java.util.Map;

/**
 * What one load step measured, as the driver reports it to the benchmark. Latencies are in
 * milliseconds and null when nothing was measured.
 *
 * @param mode service, baseline or open (the service at a fixed arrival rate)
 * @param accepted new events acknowledged (202) in the window
 * @param duplicates redeliveries answered 200 duplicate
 * @param errors anything else: other statuses, failed connections, SQL errors
 * @param kafkaAcked acknowledgements the Kafka consumer waited for; kafkaRead of them were read
 */
record StepResult(
        String mode,
        int concurrency,
        Double targetRate,
        double seconds,
        long accepted,
        long duplicates,
        long errors,
        Map<String, Long> errorKinds,
        double acceptedPerSecond,
        Double ackP50,
        Double ackP90,
        Double ackP99,
        Double ackP999,
        Double ackMax,
        long kafkaAcked,
        long kafkaRead,
        Double kafkaP50,
        Double kafkaP99,
        double meanBodyBytes) {}
