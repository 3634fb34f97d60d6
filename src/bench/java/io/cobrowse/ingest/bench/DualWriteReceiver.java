package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowse.ingest.webhook.SignatureVerifier;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The second baseline, run by {@link Benchmark} in a JVM of its own: the receiver a team writes first.
 * A blocking endpoint on Vert.x (the HTTP server Quarkus REST runs on) with 20 worker threads and a pool of
 * 20 connections: the same signature check as the service's, the body parsed, one transaction per webhook
 * (the inbox row and the visitor or session upsert, on the service's tables and indexes, statements prepared
 * once per connection), then the record sent to Kafka with {@code acks=all}, its acknowledgement awaited
 * before the answer. Nothing else is in its path: no outbox, no relay, no normalization.
 *
 * <p>Settings: {@code bench.port}, {@code bench.jdbc.url}, {@code bench.jdbc.user}, {@code bench.bootstrap}
 * as system properties; {@code BENCH_JDBC_PASSWORD} and {@code BENCH_WEBHOOK_SECRET} as environment
 * variables.
 */
public final class DualWriteReceiver {

    static final String TOPIC = "cobrowse.bench.dual-write";
    static final int CONNECTIONS = 20;
    private static final int PARTITIONS = 6;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final SignatureVerifier verifier;
    private final BlockingQueue<BaselineWriter> writers = new ArrayBlockingQueue<>(CONNECTIONS);
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json = new ObjectMapper();

    private DualWriteReceiver(String secret, String jdbcUrl, String user, String password, String bootstrap)
            throws Exception {
        verifier = new SignatureVerifier(List.of(secret), Duration.ofMinutes(5), Clock.systemUTC());
        for (int i = 0; i < CONNECTIONS; i++) {
            writers.add(new BaselineWriter(jdbcUrl, user, password, false));
        }
        createTopic(bootstrap);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // as the service's producer: a millisecond to gather the concurrent sends into one request
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        int port = Integer.getInteger("bench.port");
        DualWriteReceiver receiver = new DualWriteReceiver(
                System.getenv("BENCH_WEBHOOK_SECRET"),
                System.getProperty("bench.jdbc.url"),
                System.getProperty("bench.jdbc.user"),
                System.getenv("BENCH_JDBC_PASSWORD"),
                System.getProperty("bench.bootstrap"));
        int eventLoops = Runtime.getRuntime().availableProcessors();
        Vertx vertx =
                Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(CONNECTIONS));
        // one server per event loop on the same port, as Quarkus deploys its HTTP server
        vertx.deployVerticle(
                        () -> new AbstractVerticle() {
                            @Override
                            public void start(io.vertx.core.Promise<Void> started) {
                                vertx.createHttpServer(new HttpServerOptions()
                                                .setHost("127.0.0.1")
                                                .setPort(port)
                                                .setTcpNoDelay(true))
                                        .requestHandler(r -> receiver.receive(vertx, r))
                                        .listen()
                                        .<Void>mapEmpty()
                                        .onComplete(started);
                            }
                        },
                        new DeploymentOptions().setInstances(eventLoops))
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        System.out.println("dual-write receiver listening on 127.0.0.1:" + port);
    }

    private void receive(Vertx vertx, HttpServerRequest r) {
        if (r.method() != HttpMethod.POST || !"/webhooks/cobrowse".equals(r.path())) {
            r.response().setStatusCode(404).end();
            return;
        }
        String id = r.getHeader("webhook-id");
        String timestamp = r.getHeader("webhook-timestamp");
        String signature = r.getHeader("webhook-signature");
        r.body()
                .compose(body -> vertx.executeBlocking(() -> handle(id, timestamp, signature, body.getBytes()), false))
                .onComplete(answered -> r.response()
                        .setStatusCode(answered.succeeded() ? answered.result() : 503)
                        .end());
    }

    /** Runs on a worker thread: verify, parse, commit, send and await Kafka's acknowledgement. */
    private int handle(String id, String timestamp, String signature, byte[] body) throws Exception {
        if (verifier.verify(id, timestamp, signature, body).isPresent()) {
            return 401;
        }
        GeneratedEvent event = parse(id, body);
        if (event == null) {
            return 400;
        }
        BaselineWriter writer = writers.take();
        int stored;
        try {
            stored = writer.deliver(event);
        } finally {
            writers.add(writer);
        }
        if (stored == EventSink.DUPLICATE) {
            return 200;
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, event.visitorId(), body);
        ceHeaders(record, event);
        producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return 202;
    }

    private GeneratedEvent parse(String id, byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            String type = root.path("type").asText(null);
            if (type == null || !(root.get("data") instanceof ObjectNode data)) {
                return null;
            }
            Instant at = OffsetDateTime.parse(root.path("timestamp").asText()).toInstant();
            boolean visitor = type.startsWith("visitor.");
            String visitorId = data.path(visitor ? "short_id" : "visitor_id").asText(null);
            String sessionId = visitor
                    ? null
                    : data.path(type.equals("session.state") ? "session_id" : "id")
                            .asText(null);
            return visitorId == null
                    ? null
                    : new GeneratedEvent(id, type, at, visitorId, sessionId, data, body, false, null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void ceHeaders(ProducerRecord<String, byte[]> record, GeneratedEvent e) {
        Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        e.webhookId(),
                        "ce_source",
                        "/cobrowse-ingest",
                        "ce_type",
                        "cobrowse." + e.type(),
                        "ce_time",
                        e.timestamp().toString(),
                        "content-type",
                        "application/json")
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    }

    private static void createTopic(String bootstrap) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
