package io.cobrowse.ingest.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowse.ingest.infra.TopicTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An example consumer of the service's topics with the plain Kafka client: it keeps the latest state of each
 * visitor and of that visitor's sessions, as a team's read model would, and does what the consumers' guide asks:
 * drops duplicates on {@code ce_id} (delivery is at least once), applies each partition's records in order (all of
 * a visitor's records are on one partition, keyed by visitor), and on a tombstone deletes what it holds of the
 * visitor. The two topics are read side by side, with no order between them: a session record of an erased visitor
 * that is no newer than the erasure (by {@code ce_time}) may be read after the tombstone, and is dropped, since it
 * may hold the personal data just erased. Offsets are committed after the records are applied, so a crash re-reads
 * rather than skips.
 *
 * <p>Run it against the Kafka of a running {@code ./mvnw -Plocal} with {@code ./mvnw -q -Pexample-consumer}, or
 * against another with {@code -Dkafka.bootstrap.servers=host:port}.
 */
public final class ExampleConsumer implements AutoCloseable {

    /** How many recent ids are remembered to drop duplicates; a resend comes soon after the first send. */
    private static final int REMEMBERED_IDS = 100_000;

    private final KafkaConsumer<String, String> consumer;
    private final String visitorsTopic;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, JsonNode> visitors = new HashMap<>();
    private final Map<String, Map<String, JsonNode>> sessionsByVisitor = new HashMap<>();
    /** When each erased visitor was erased (the tombstone's ce_time). */
    private final Map<String, Instant> erasedAt = new HashMap<>();

    private final Map<String, Boolean> seenIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final Map<String, Long> appliedByVisitor = new HashMap<>();
    private final Map<String, Long> duplicatesByVisitor = new HashMap<>();

    public ExampleConsumer(String bootstrapServers, String groupId, String visitorsTopic, String sessionsTopic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // reading must never create a topic: the visitors topic has to be created compacted
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // the kernel sizes the socket's receive buffer: with the client's 64 KiB, the benchmark's consumer on loopback
        // had the kernel drop segments of large fetch responses, each a pause of 200 ms or more until the broker sent
        // them again
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.visitorsTopic = visitorsTopic;
        consumer.subscribe(List.of(visitorsTopic, sessionsTopic));
    }

    /** Reads what is there within the time-out, applies it and commits; returns the records read. */
    public int poll(Duration timeout) {
        int read = 0;
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            apply(r);
            read++;
        }
        if (read > 0) {
            consumer.commitSync();
        }
        return read;
    }

    private void apply(ConsumerRecord<String, String> r) {
        String id = header(r, "ce_id");
        String visitor = r.key();
        if (id != null && seenIds.putIfAbsent(id, Boolean.TRUE) != null) {
            duplicatesByVisitor.merge(visitor, 1L, Long::sum);
            return;
        }
        appliedByVisitor.merge(visitor, 1L, Long::sum);
        if (r.topic().equals(visitorsTopic)) {
            if (r.value() == null) {
                // the visitor was erased: so is everything held of them
                visitors.remove(visitor);
                sessionsByVisitor.remove(visitor);
                erasedAt.merge(visitor, Instant.parse(header(r, "ce_time")), (a, b) -> a.isAfter(b) ? a : b);
            } else {
                visitors.put(visitor, read(r.value()));
            }
        } else if (r.value() != null && !beforeErasure(visitor, header(r, "ce_time"))) {
            JsonNode session = read(r.value());
            sessionsByVisitor
                    .computeIfAbsent(visitor, k -> new HashMap<>())
                    .put(session.path("id").asText(), session);
        }
    }

    private boolean beforeErasure(String visitor, String ceTime) {
        Instant erased = erasedAt.get(visitor);
        return erased != null && !Instant.parse(ceTime).isAfter(erased);
    }

    /** Reads the topics from their beginning again, as after a lost commit: what was applied is not applied twice. */
    public void rewind() {
        consumer.seekToBeginning(consumer.assignment());
    }

    public JsonNode visitor(String shortId) {
        return visitors.get(shortId);
    }

    public Map<String, JsonNode> sessionsOf(String shortId) {
        return sessionsByVisitor.getOrDefault(shortId, Map.of());
    }

    /** Records of the visitor applied (a record dropped as older than an erasure included). */
    public long applied(String visitor) {
        return appliedByVisitor.getOrDefault(visitor, 0L);
    }

    /** Records of the visitor read again and dropped as duplicates. */
    public long duplicates(String visitor) {
        return duplicatesByVisitor.getOrDefault(visitor, 0L);
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) throws IOException {
        String bootstrap = TopicTail.bootstrapServers();
        if (bootstrap == null) {
            System.err.println("No Kafka: start ./mvnw -Plocal first, or give -Dkafka.bootstrap.servers=host:port");
            System.exit(2);
        }
        try (ExampleConsumer c = new ExampleConsumer(
                bootstrap, "example-" + UUID.randomUUID(), "cobrowse.visitors.v1", "cobrowse.sessions.v1")) {
            Runtime.getRuntime().addShutdownHook(new Thread(c.consumer::wakeup));
            while (true) {
                if (c.poll(Duration.ofSeconds(1)) > 0) {
                    System.out.printf(
                            "%d visitors held, %d duplicates dropped so far%n",
                            c.visitors.size(),
                            c.duplicatesByVisitor.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum());
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
            // Ctrl-C
        }
    }
}
