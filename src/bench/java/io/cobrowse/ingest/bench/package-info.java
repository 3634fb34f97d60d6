/**
 * The benchmark of cobrowse-ingest: one command builds the service and measures it on this machine.
 *
 * <pre>
 * ./mvnw -Pbench                                      # all steps: 1, 4, 8, 16, 32, 64 senders, 8 s each
 * ./mvnw -Pbench -Dbench.steps=1,8,32 -Dbench.seconds=10
 * </pre>
 *
 * <p>{@link io.cobrowse.ingest.bench.Benchmark} starts PostgreSQL and Kafka on loopback (or uses those
 * named by {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code QUARKUS_DATASOURCE_USERNAME},
 * {@code QUARKUS_DATASOURCE_PASSWORD} and {@code KAFKA_BOOTSTRAP_SERVERS}), then the packaged service
 * in the prod profile with a secret generated for the run. A second JVM
 * ({@link io.cobrowse.ingest.bench.LoadDriver}) sends signed webhooks in a closed loop at each
 * concurrency, after a warm-up that lasts until throughput levels off, and times every acknowledged
 * event until a Kafka consumer reads it; then it sends at a fixed rate of half the peak (open loop).
 * A third JVM runs the baseline: the same events written with plain SQL, one transaction per event,
 * into a database of its own on the same server. The run takes about six minutes.
 *
 * <p>It prints the tables (throughput of service and baseline, acknowledgement and Kafka latency,
 * errors, peak memory; CPU per process and per kind of service thread; what the writers' database
 * connections were doing) and writes {@code target/benchmark/results.csv}, {@code results.json} and
 * {@code throughput-latency.png}; the service's log is {@code target/benchmark/service.log}. Everything
 * it started is stopped at the end, on failure and on Ctrl-C.
 */
package io.cobrowse.ingest.bench;
