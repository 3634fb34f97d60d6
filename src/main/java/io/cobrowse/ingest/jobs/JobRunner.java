package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.cobrowse.ingest.lifecycle.Backoff;
import io.cobrowse.ingest.store.DatabaseErrors;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs the operator's jobs in the background, on every replica: steps them one at a time while there is work,
 * looks again every poll interval (or at once when a job is started here). A step that fails for a passing
 * reason (the database away, a deadlock, the writers' queue full) is tried again after a pause; one that fails
 * otherwise fails its job, with the class of the error as the reason.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final JobSteps steps;
    private final Duration pollInterval;
    private final Semaphore wake = new Semaphore(0);
    private volatile BackgroundLoop loop;

    public JobRunner(JobSteps steps, IngestConfig config) {
        this.steps = steps;
        this.pollInterval = config.jobs().pollInterval();
    }

    void start(@Observes StartupEvent ignored) {
        loop = BackgroundLoop.start("operator-jobs", this::run);
    }

    void stop(@Observes ShutdownEvent ignored) {
        BackgroundLoop l = loop;
        if (l != null) {
            l.stop(STOP_GRACE);
        }
    }

    /** A job was started on this replica: look at once. */
    public void wake() {
        wake.release();
    }

    private void run(BackgroundLoop loop) throws InterruptedException {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
        AtomicReference<UUID> claimed = new AtomicReference<>();
        while (loop.running()) {
            StepOutcome outcome;
            try {
                outcome = steps.next(claimed);
                backoff.reset();
            } catch (RuntimeException e) {
                failed(claimed.get(), e);
                Thread.sleep(backoff.next().toMillis());
                continue;
            }
            if (outcome == StepOutcome.IDLE) {
                wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            }
        }
    }

    private void failed(UUID job, RuntimeException e) {
        String reason = DatabaseErrors.describe(e);
        if (job == null
                || passing(e)
                || DatabaseErrors.isUnavailable(e)
                || DatabaseErrors.isTransient(e)
                || DatabaseErrors.isTimeout(e)) {
            LOG.infof("operator job step to be tried again: %s", passing(e) ? passingReason(e) : reason);
            return;
        }
        LOG.errorf("operator job %s failed: %s", job, reason);
        try {
            steps.fail(job, "step failed: " + reason);
        } catch (RuntimeException again) {
            // the job stays running and is stepped again
            LOG.warnf("could not mark operator job %s failed: %s", job, DatabaseErrors.describe(again));
        }
    }

    private static boolean passing(Throwable e) {
        return passingReason(e) != null;
    }

    /** The reason a step gave up for the time being, wherever the transaction wrapped it; null for others. */
    private static String passingReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryLater r) {
                return r.getMessage();
            }
        }
        return null;
    }
}
