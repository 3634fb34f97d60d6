package io.cobrowse.ingest.faults;

import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.infra.LocalRun;
import io.cobrowse.ingest.infra.TcpProxy;
import io.cobrowse.ingest.outbox.OutboxRelay;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario's replicas of the packaged service: same database and Kafka, topics of their own. Each
 * replica reaches PostgreSQL through a proxy of its own, so that one replica's connections can be cut
 * without touching the others'.
 */
final class Cluster implements AutoCloseable {

    static final String SECRET = LocalRun.LOCAL_SECRET;
    static final Duration READY = Duration.ofSeconds(120);

    private final String slug;
    private final Topics topics;
    private final String visitorPrefix;
    private final List<ServiceReplica> replicas = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();

    private Cluster(String slug, Topics topics, String visitorPrefix) {
        this.slug = slug;
        this.topics = topics;
        this.visitorPrefix = visitorPrefix;
    }

    /** Starts the replicas side by side and waits until each is ready. */
    static Cluster start(FaultInfra infra, String slug, int size) throws Exception {
        Cluster cluster = new Cluster(slug, Topics.forScenario(slug, infra.runId()), slug + infra.runId() + "x");
        try {
            for (int i = 0; i < size; i++) {
                TcpProxy proxy = new TcpProxy(infra.postgres().port());
                cluster.proxies.add(proxy);
                Map<String, String> env = Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + LocalInfra.DATABASE,
                        "QUARKUS_DATASOURCE_USERNAME",
                        LocalInfra.USER,
                        "QUARKUS_DATASOURCE_PASSWORD",
                        LocalInfra.PASSWORD,
                        "KAFKA_BOOTSTRAP_SERVERS",
                        infra.bootstrapServers(),
                        "COBROWSE_WEBHOOK_SECRETS",
                        SECRET,
                        "COBROWSE_TOPICS_VISITORS",
                        cluster.topics.visitors(),
                        "COBROWSE_TOPICS_SESSIONS",
                        cluster.topics.sessions());
                String name = slug + "-replica-" + i;
                cluster.replicas.add(ServiceReplica.launch(name, env, FaultInfra.WORK.resolve(name + ".log")));
            }
            for (ServiceReplica r : cluster.replicas) {
                r.awaitReady(READY);
            }
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    Topics topics() {
        return topics;
    }

    String visitorPrefix() {
        return visitorPrefix;
    }

    ServiceReplica replica(int i) {
        return replicas.get(i);
    }

    TcpProxy databaseProxyOf(ServiceReplica replica) {
        return proxies.get(replicas.indexOf(replica));
    }

    List<Integer> ports() {
        return replicas.stream().map(ServiceReplica::port).toList();
    }

    /**
     * A replica whose relay publishes, once the replicas' relays share every partition of the outbox and
     * each leads some: what happens to it then happens halfway through the visitors.
     */
    ServiceReplica awaitSplitLeadership(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> led = new ArrayList<>();
            for (ServiceReplica r : replicas) {
                led.add(r.partitionsLed());
            }
            if (led.stream().mapToInt(Integer::intValue).sum() == OutboxRelay.PARTITIONS && !led.contains(0)) {
                return replicas.get(0);
            }
            Thread.sleep(500);
        }
        throw new IOException("the relays of " + replicas + " did not share the partitions within " + timeout);
    }

    /** Heals every proxy first, so that a replica cut off can shut down gracefully. */
    @Override
    public void close() throws InterruptedException {
        proxies.forEach(TcpProxy::restore);
        for (ServiceReplica r : replicas) {
            r.close();
        }
        proxies.forEach(TcpProxy::close);
    }
}
