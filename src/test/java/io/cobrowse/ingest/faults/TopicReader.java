package io.cobrowse.ingest.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a scenario's topics from the beginning while the scenario runs, as a downstream consumer would
 * (a plain consumer, no group), and notes when each record was first seen.
 */
final class TopicReader implements AutoCloseable {

    /** One record as read: its CloudEvent id, where it is, and when this reader saw it (nanoTime). */
    record Seen(String ceId, String topic, String key, int partition, long offset, long seenAt) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    /** Waits for the service to create the topics (it does so in the background), then reads them. */
    TopicReader(String bootstrapServers, List<String> topics) throws InterruptedException {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.CLIENT_ID_CONFIG, "faults-reader",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = awaitPartitions(topics, Duration.ofSeconds(120));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException | InterruptedException e) {
            consumer.close();
            throw e;
        }
        poller = new Thread(this::poll, "topic-reader");
        poller.setDaemon(true);
        poller.start();
    }

    private List<TopicPartition> awaitPartitions(List<String> topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
            if (existing.keySet().containsAll(topics)) {
                List<TopicPartition> all = new ArrayList<>();
                for (String t : topics) {
                    existing.get(t).forEach(p -> all.add(new TopicPartition(t, p.partition())));
                }
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not create the topics " + topics);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    Header id = r.headers().lastHeader("ce_id");
                    String ceId = id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
                    synchronized (seen) {
                        seen.add(new Seen(ceId, r.topic(), r.key(), r.partition(), r.offset(), now));
                    }
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Everything read so far, in the order read (which is offset order within each partition). */
    List<Seen> records() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(15_000);
    }
}
