package io.cobrowse.ingest.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints the records of a topic from the beginning, as a consumer sees them, and exits once no new
 * record has come for a few seconds; for machines without Kafka's console tools:
 * {@code ./mvnw -q -Ptail -Dtopic=cobrowse.visitors.v1}. Without {@code -Dtopic} it reads both topics.
 * It reads the Kafka of a running {@code ./mvnw -Plocal} (whose address {@link LocalRun} writes to
 * {@link LocalRun#BOOTSTRAP_FILE}), or the one given by {@code -Dkafka.bootstrap.servers=host:port}.
 * It joins no consumer group and commits nothing.
 */
public final class TopicTail {

    private static final List<String> DEFAULT_TOPICS = List.of("cobrowse.visitors.v1", "cobrowse.sessions.v1");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TopicTail() {}

    public static void main(String[] args) throws IOException {
        String topicList = System.getProperty("topic", "").trim();
        List<String> topics = topicList.isEmpty()
                ? DEFAULT_TOPICS
                : Arrays.stream(topicList.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList();
        Duration idle = Duration.ofSeconds(Long.getLong("idle.seconds", 5));
        String bootstrap = bootstrapServers();
        if (bootstrap == null) {
            System.err.println(
                    "No Kafka to read: start ./mvnw -Plocal first, or give -Dkafka.bootstrap.servers=host:port");
            System.exit(2);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers", bootstrap,
                        "client.id", "topic-tail",
                        "enable.auto.commit", "false",
                        // reading must never create a topic (the visitors topic has to be created compacted)
                        "allow.auto.create.topics", "false",
                        "request.timeout.ms", "5000",
                        "default.api.timeout.ms", "10000"),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    System.err.println("Topic " + topic + " does not exist (yet) at " + bootstrap);
                    continue;
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            if (partitions.isEmpty()) {
                System.exit(1);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int count = 0;
            long lastRecord = System.nanoTime();
            while (System.nanoTime() - lastRecord < idle.toNanos()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(format(r));
                    count++;
                    lastRecord = System.nanoTime();
                }
            }
            System.err.println(count + (count == 1 ? " record" : " records") + " in " + String.join(", ", topics)
                    + "; none new for " + idle.toSeconds() + " s");
        } catch (KafkaException e) {
            System.err.println("Cannot read from Kafka at " + bootstrap + ": " + e.getMessage()
                    + (System.getProperty("kafka.bootstrap.servers") == null
                            ? " (is ./mvnw -Plocal still running?)"
                            : ""));
            System.exit(1);
        }
    }

    /** {@code -Dkafka.bootstrap.servers}, else the address a running local run wrote, else null. */
    /** The Kafka given by -Dkafka.bootstrap.servers, else the one a running ./mvnw -Plocal started; null if none. */
    public static String bootstrapServers() throws IOException {
        String given = System.getProperty("kafka.bootstrap.servers");
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        if (Files.isRegularFile(LocalRun.BOOTSTRAP_FILE)) {
            return Files.readString(LocalRun.BOOTSTRAP_FILE).trim();
        }
        return null;
    }

    /**
     * One record as it is printed: where it is and its key, its CloudEvent headers ({@code ce_*} and
     * {@code content-type}), then its value as indented JSON (as sent when it is not JSON), or
     * {@code (tombstone)} for a null value.
     */
    static String format(ConsumerRecord<String, String> r) {
        StringBuilder b = new StringBuilder();
        b.append(r.topic())
                .append(" partition ")
                .append(r.partition())
                .append(" offset ")
                .append(r.offset())
                .append(" key ")
                .append(r.key() == null ? "(none)" : r.key())
                .append('\n');
        for (Header h : r.headers()) {
            if (h.key().startsWith("ce_") || h.key().equalsIgnoreCase("content-type")) {
                b.append("  ")
                        .append(h.key())
                        .append(": ")
                        .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        if (r.value() == null) {
            b.append("  (tombstone)\n");
        } else {
            for (String line : indented(r.value()).split("\\R")) {
                b.append("  ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static String indented(String value) {
        try {
            return JSON.writeValueAsString(JSON.readTree(value));
        } catch (JsonProcessingException notJson) {
            return value;
        }
    }
}
