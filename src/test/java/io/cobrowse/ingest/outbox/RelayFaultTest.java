package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** An unexpected error in the relay (not the database's, not Kafka's) restarts its round instead of ending it. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RelayFaultTest {

    @Inject
    @Channel("cobrowse-events-second-replica")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, String>> secondReplicaEmitter;

    @Inject
    IngestConfig config;

    @Inject
    OutboxRelay serviceRelay;

    @Inject
    TopicSetup topics;

    @Test
    void anErrorWhileSendingIsFollowedByANewRoundThatPublishes() throws Exception {
        LocalInfra infra = InfraResource.infra();
        Assumptions.assumeTrue(infra != null, "needs the test run's own database");
        AtomicInteger faults = new AtomicInteger(1);
        OutboxMetrics metrics = Relays.ownMetrics();
        serviceRelay.stop();
        OutboxRelay relay = Relays.start(
                new FaultyEmitter(secondReplicaEmitter, faults), config, metrics, topics, infra.directJdbcUrl());
        try {
            String visitor = "f" + UUID.randomUUID().toString().substring(0, 8);
            String id = Webhooks.newId();
            Webhooks.send(id, KafkaPublishTest.visitorAt(visitor, "2026-11-24T10:00:00Z"))
                    .then()
                    .statusCode(202);
            var records = KafkaRecords.readKey(
                    KafkaPublishTest.TOPICS, visitor, seen -> !seen.isEmpty(), Duration.ofSeconds(60));
            assertThat(faults.get()).as("the fault was injected").isNegative();
            assertThat(KafkaRecords.distinctIds(records)).containsExactly(id);
            assertThat(metrics.isLeader()).isTrue();
        } finally {
            relay.stop();
            serviceRelay.start();
        }
    }

    /** The real producer, except that the first sends throw an Error. */
    private record FaultyEmitter(Emitter<Record<String, String>> delegate, AtomicInteger faults)
            implements Emitter<Record<String, String>> {

        @Override
        public CompletionStage<Void> send(Record<String, String> payload) {
            return delegate.send(payload);
        }

        @Override
        public <M extends Message<? extends Record<String, String>>> void send(M msg) {
            if (faults.getAndDecrement() > 0) {
                throw new AssertionError("injected fault");
            }
            delegate.send(msg);
        }

        @Override
        public void complete() {
            delegate.complete();
        }

        @Override
        public void error(Exception e) {
            delegate.error(e);
        }

        @Override
        public boolean isCancelled() {
            return delegate.isCancelled();
        }

        @Override
        public boolean hasRequests() {
            return delegate.hasRequests();
        }
    }
}
