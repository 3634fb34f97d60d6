package io.cobrowse.ingest.rejection;

import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.cobrowse.ingest.store.DatabaseErrors;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes this replica's buffered refusals once a second at most, in one statement, so that a flood of refused
 * requests costs one database write a second instead of one each; and once more at shutdown.
 */
@ApplicationScoped
public class RejectionFlusher {

    private static final Logger LOG = Logger.getLogger(RejectionFlusher.class);
    /** The pause between two writes; a write starts only after it, so there is never more than one a second. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final RejectionBuffer buffer;
    private final RejectionWriter writer;
    private final RejectionMetrics metrics;
    private BackgroundLoop loop;

    public RejectionFlusher(RejectionBuffer buffer, RejectionWriter writer, RejectionMetrics metrics) {
        this.buffer = buffer;
        this.writer = writer;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent ignored) {
        loop = BackgroundLoop.start("rejection-flusher", this::flushLoop);
    }

    /**
     * After the webhook writers have drained their queue (their answers refuse requests too, hence the later
     * priority), what is left is written once more.
     */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent ignored) {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
        }
        flush();
    }

    private void flushLoop(BackgroundLoop loop) throws InterruptedException {
        while (loop.running()) {
            Thread.sleep(INTERVAL.toMillis());
            flush();
        }
    }

    /**
     * Writes what is held. While the database is away or slow the rows go back to the buffer (its bounds still
     * hold) for the next write; rows it refuses for another reason are dropped, so that they cannot block the others
     * forever.
     */
    synchronized void flush() {
        List<Rejection> rows = buffer.takeAll();
        if (rows.isEmpty()) {
            return;
        }
        try {
            writer.write(rows);
            metrics.flushed(rows.size());
        } catch (RuntimeException e) {
            if (DatabaseErrors.isUnavailable(e) || DatabaseErrors.isTimeout(e) || DatabaseErrors.isTransient(e)) {
                LOG.warnf("refused requests not written yet, database unavailable: %s", DatabaseErrors.describe(e));
                buffer.putBack(rows);
            } else {
                LOG.errorf("%d refused requests dropped unwritten: %s", rows.size(), DatabaseErrors.describe(e));
                metrics.dropped(rows.size());
            }
        }
    }
}
