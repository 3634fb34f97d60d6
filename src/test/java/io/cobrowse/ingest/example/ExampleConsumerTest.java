package io.cobrowse.ingest.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The example consumer, run against the service's topics on the real broker. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ExampleConsumerTest {

    @Test
    void itKeepsTheLatestStateDropsDuplicatesAndForgetsAnErasedVisitor() {
        String kept = "v" + UUID.randomUUID().toString().substring(0, 8);
        String erased = "v" + UUID.randomUUID().toString().substring(0, 8);
        send("visitor.updated", kept);
        send("session.started", kept);
        send("visitor.updated", erased);
        send("session.started", erased);
        send("visitor.deleted", erased);

        try (ExampleConsumer consumer = new ExampleConsumer(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                "example-" + UUID.randomUUID(),
                "cobrowse.visitors.v1",
                "cobrowse.sessions.v1")) {
            pollUntil(
                    consumer,
                    () -> consumer.visitor(kept) != null
                            && consumer.sessionsOf(kept).containsKey("ses_" + kept)
                            && consumer.applied(kept) == 2
                            && consumer.applied(erased) == 3
                            && consumer.visitor(erased) == null);

            assertThat(consumer.visitor(kept).path("short_id").asText()).isEqualTo(kept);
            // the tombstone took the erased visitor's sessions too, whichever topic was read first
            assertThat(consumer.sessionsOf(erased)).isEmpty();

            // everything again, as after a resend or a lost commit: applied once all the same
            consumer.rewind();
            pollUntil(consumer, () -> consumer.duplicates(kept) == 2 && consumer.duplicates(erased) == 3);
            assertThat(consumer.applied(kept)).isEqualTo(2);
            assertThat(consumer.applied(erased)).isEqualTo(3);
            assertThat(consumer.visitor(kept)).isNotNull();
            assertThat(consumer.visitor(erased)).isNull();
        }
    }

    private static void send(String type, String visitor) {
        Webhooks.send(Webhooks.newId(), Webhooks.sampleFor(type, visitor, "ses_" + visitor))
                .then()
                .statusCode(202);
    }

    private static void pollUntil(ExampleConsumer consumer, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("the consumer caught up within 30 s")
                    .isLessThan(deadline);
            consumer.poll(Duration.ofMillis(200));
        }
    }
}
