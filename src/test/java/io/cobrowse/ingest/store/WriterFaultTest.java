package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Webhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An Error in a writer's group (anything, not only the database's exceptions) answers that group's
 * webhooks as unavailable (503, nothing acknowledged) instead of leaving them hanging, and the writer
 * goes on committing the next groups.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class WriterFaultTest {

    @Inject
    EntityManager em;

    @Inject
    EventApplier applier;

    @Inject
    Inbox inbox;

    @Inject
    UnhandledInbox unhandled;

    @Inject
    OutboxWriter outbox;

    @Inject
    IngestConfig config;

    @Test
    void anErrorInEveryWriterAnswersItsGroupUnavailableAndTheWritersGoOn() throws Exception {
        int writers = config.writer().threads();
        // one fault per writer thread: were a writer to end on one, nothing would be left to write
        AtomicInteger faults = new AtomicInteger(writers);
        GroupTransaction faulty = new GroupTransaction(em, applier, inbox, unhandled, outbox, config) {
            @Override
            List<WebhookResult> commit(List<Work> batch, Runnable locked) {
                if (faults.getAndDecrement() > 0) {
                    throw new AssertionError("injected fault");
                }
                return super.commit(batch, locked);
            }
        };
        GroupCommitter committer = new GroupCommitter(faulty, new WriterMetrics(new SimpleMeterRegistry()), config);
        committer.start(null);
        try {
            for (int i = 0; i < writers; i++) {
                assertThat(rejected(committer).get(30, TimeUnit.SECONDS).outcome())
                        .isEqualTo(WebhookOutcome.UNAVAILABLE);
            }
            assertThat(rejected(committer).get(30, TimeUnit.SECONDS).outcome()).isEqualTo(WebhookOutcome.INVALID);
        } finally {
            committer.stop(null);
        }
    }

    private static CompletableFuture<WebhookResult> rejected(GroupCommitter committer) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        return committer.reject(
                Webhooks.newId(), body, new byte[32], List.of(new FieldError("/type", "required")), Instant.now());
    }
}
