/**
 * The benchmark of cobrowse-ingest: one command builds the service and measures it on this machine.
 *
 * <pre>
 * ./mvnw -Pbench                                      # 1, 4, 8, 16, 32, 64, 128 senders, 8 s each
 * ./mvnw -Pbench -Dbench.steps=1,8,32 -Dbench.seconds=10
 * ./mvnw -Pbench -Dbench.steps=1,4 -Dbench.seconds=3 -Dbench.warmup.seconds=30   # a short check
 * ./mvnw -Pbench -Dbench.mode=retention            # the peak with retention at work and off, interleaved
 * ./mvnw -Pbench -Dbench.replay.only=true             # a replay of 100,000 records against the relay, alone
 * </pre>
 *
 * <p>{@link io.cobrowse.ingest.bench.Benchmark} starts PostgreSQL and Kafka on loopback (or uses those
 * named by {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code QUARKUS_DATASOURCE_USERNAME},
 * {@code QUARKUS_DATASOURCE_PASSWORD} and {@code KAFKA_BOOTSTRAP_SERVERS}), then the packaged service
 * in the prod profile with a secret generated for the run. A second JVM
 * ({@link io.cobrowse.ingest.bench.LoadDriver}) warms the service up at the highest concurrency (two
 * minutes at least, then until throughput levels off and its JIT compiler is quiet, at most
 * {@code bench.warmup.seconds}, 600 by default), sends signed webhooks in a closed loop at each
 * concurrency and times every acknowledged event until a Kafka consumer reads it; then it sends at the
 * baseline's open-loop rate. Before it, a third JVM runs the baseline the same way (the same events written
 * with plain SQL, one transaction per event, into a database of its own on the same server), then at a
 * fixed rate of half its peak (open loop). The two warm-ups take four minutes at least; a full run takes
 * ten or more.
 *
 * <p>It prints the tables (throughput of service and baseline, acknowledgement and Kafka latency,
 * errors, peak memory; CPU per process and per kind of service thread; what the writers' database
 * connections were doing; the open loop against its p99 target) and writes them with the run's
 * commit, machine and settings to {@code target/benchmark/results.md}, beside {@code results.csv},
 * {@code results.json} and {@code throughput-latency.png}. Last, it measures a replay of
 * {@code bench.replay.records} published records (100,000) against the relay publishing them live
 * ({@link io.cobrowse.ingest.bench.ReplayBench}); {@code -Dbench.replay.only=true} runs only that. The service's log is
 * {@code target/benchmark/service.log}, the drivers' {@code driver-service.log} and
 * {@code driver-baseline.log}. Everything it started is stopped at the end, on failure and on Ctrl-C.
 *
 * <p>{@code -Dbench.mode=retention} runs {@link io.cobrowse.ingest.bench.RetentionBenchmark} instead: the
 * retention job's rates at rest, then the peak step with the service's retention at work and off, three times
 * each, and their medians in {@code results.md}.
 *
 * <p>Its sources sit in {@code src/bench/java} and compile with the tests in every build, sharing
 * their local infrastructure; only {@code -Pbench} runs it.
 */
package io.cobrowse.ingest.bench;
