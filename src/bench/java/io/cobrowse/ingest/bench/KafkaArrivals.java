package io.cobrowse.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures the time from a webhook's acknowledgement to its record being readable in Kafka: a
 * consumer on both topics, from their end, matches each record's {@code ce_id} to the moment the
 * 202 arrived. A record can be read before the sender has processed its 202 (the relay is fast);
 * that counts as zero.
 */
final class KafkaArrivals implements AutoCloseable {

    static final List<String> TOPICS = List.of("cobrowse.visitors.v1", "cobrowse.sessions.v1");

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;
    /** Per webhook-id: {ack time, read time}, whichever came first; removed once both are known. */
    private final Map<String, long[]> pending = new ConcurrentHashMap<>();

    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private volatile Latencies latencies = new Latencies();
    private volatile boolean running = true;

    KafkaArrivals(String bootstrapServers) throws InterruptedException {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.CLIENT_ID_CONFIG, "cobrowse-bench",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100",
                        // the kernel sizes the receive buffer: pinned at the client's 64 KiB default, on loopback
                        // (64 KiB packets) a full fetch response made the kernel drop segments, which the broker
                        // sent again only after TCP's 200 ms minimum retransmission time-out
                        ConsumerConfig.RECEIVE_BUFFER_CONFIG, "-1"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = awaitPartitions(Duration.ofSeconds(90));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolves the end offsets now, before any event is sent
        partitions.forEach(consumer::position);
        poller = new Thread(this::poll, "kafka-arrivals");
        poller.setDaemon(true);
        poller.start();
    }

    /** The service creates its topics in the background after start-up: wait for them. */
    private List<TopicPartition> awaitPartitions(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicPartition> all = new ArrayList<>();
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(5));
            for (String t : TOPICS) {
                for (PartitionInfo p : topics.getOrDefault(t, List.of())) {
                    all.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            if (TOPICS.stream().allMatch(topics::containsKey)) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not create the topics " + TOPICS);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private void poll() {
        while (running) {
            var records = consumer.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                Header id = r.headers().lastHeader("ce_id");
                if (id != null) {
                    meet(new String(id.value(), StandardCharsets.UTF_8), now, false);
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /** Forgets everything of the previous step. */
    void startStep() {
        pending.clear();
        acked.set(0);
        matched.set(0);
        latencies = new Latencies();
    }

    void acked(String webhookId, long nanos) {
        acked.incrementAndGet();
        meet(webhookId, nanos, true);
    }

    private void meet(String id, long at, boolean isAck) {
        pending.compute(id, (k, v) -> {
            if (v == null) {
                return isAck ? new long[] {at, -1} : new long[] {-1, at};
            }
            boolean hasAck = v[0] >= 0;
            if (hasAck == isAck) {
                // a record published again (at-least-once): the first one counted
                return v;
            }
            long ack = isAck ? at : v[0];
            long read = isAck ? v[1] : at;
            Latencies l = latencies;
            synchronized (l) {
                l.add(read - ack);
            }
            matched.incrementAndGet();
            return null;
        });
    }

    /** Waits until every acknowledged webhook of the step was read, at most {@code timeout}. */
    Result finishStep(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matched.get() < acked.get() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        Latencies l = latencies;
        Latencies sorted;
        synchronized (l) {
            sorted = Latencies.merge(List.of(l));
        }
        return new Result(acked.get(), matched.get(), sorted);
    }

    record Result(long acked, long read, Latencies latencies) {}

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
