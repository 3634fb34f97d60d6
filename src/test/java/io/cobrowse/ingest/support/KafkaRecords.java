package io.cobrowse.ingest.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads what the service published, as a downstream consumer would. */
public final class KafkaRecords {

    private KafkaRecords() {}

    /**
     * Reads the topics from the beginning until {@code done} holds for the records with the given key
     * (in topic order per topic, merged in arrival order), or the timeout passes.
     */
    public static List<ConsumerRecord<String, String>> readKey(
            List<String> topics, String key, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return readKey(bootstrap, topics, key, done, timeout);
    }

    /** As {@link #readKey(List, String, Predicate, Duration)}, from the given Kafka. */
    public static List<ConsumerRecord<String, String>> readKey(
            String bootstrap,
            List<String> topics,
            String key,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        return readKeys(bootstrap, topics, Set.of(key), done, timeout).get(key);
    }

    /**
     * As {@link #readKey(List, String, Predicate, Duration)} for several keys in one pass, until {@code done}
     * holds for the records of each.
     */
    public static Map<String, List<ConsumerRecord<String, String>>> readKeys(
            List<String> topics,
            Set<String> keys,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return readKeys(bootstrap, topics, keys, done, timeout);
    }

    private static Map<String, List<ConsumerRecord<String, String>>> readKeys(
            String bootstrap,
            List<String> topics,
            Set<String> keys,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        Map<String, List<ConsumerRecord<String, String>>> seen = new HashMap<>();
        keys.forEach(k -> seen.put(k, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "group.id",
                        "test-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest",
                        "enable.auto.commit",
                        "false"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    List<ConsumerRecord<String, String>> ofKey = seen.get(r.key());
                    if (ofKey != null) {
                        ofKey.add(r);
                    }
                }
                if (seen.values().stream().allMatch(done)) {
                    break;
                }
            }
        }
        return seen;
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The ce_id of each record, in order, without redeliveries (as a consumer deduping on ce_id sees them). */
    public static List<String> distinctIds(List<ConsumerRecord<String, String>> records) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            String id = header(r, "ce_id");
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
