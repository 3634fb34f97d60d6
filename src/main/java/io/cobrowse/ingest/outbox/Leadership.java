package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The publishing replica's leadership: the leader lock (a session advisory lock: a clean disconnect hands it
 * on at once) and a lease renewed a few times per lease. A leader whose connection died silently keeps its
 * lock on the server, but not its lease: once the lease has run out a candidate ends that session and takes
 * over. Fencing is by time: a leader hands nothing to its producer after its lease has run out by its own
 * clock, and a new leader publishes nothing before the previous lease plus the producer's delivery time-outs
 * have passed, so no record of the old leader can land after one of the new leader's.
 */
final class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);
    private static final long SLICE_MILLIS = 500;

    /** Thrown when the lease turned out to be another replica's: this one must stop at once. */
    static final class LeaseLost extends Exception {
        LeaseLost() {
            super("the lease passed to another replica", null, false, false);
        }
    }

    private final RelayConnection c;
    private final LeaseTable lease;
    private final IngestConfig.Relay settings;
    private final Duration inFlight;
    private final String holder;
    private final BooleanSupplier ownSendsAnswered;
    private long renewedAt;
    private long validUntil;
    private long predecessorQuietAt;

    /**
     * @param holder this relay's name in the lease, the same across its connections
     * @param ownSendsAnswered whether everything this relay handed to its producer has been answered: then
     *     it need not wait for its own earlier leadership to be quiet
     */
    Leadership(
            RelayConnection c,
            IngestConfig.Relay settings,
            Duration inFlight,
            String holder,
            BooleanSupplier ownSendsAnswered) {
        this.c = c;
        this.holder = holder;
        this.ownSendsAnswered = ownSendsAnswered;
        this.lease = new LeaseTable(c.connection());
        this.settings = settings;
        this.inFlight = inFlight;
        this.predecessorQuietAt = System.nanoTime();
    }

    /**
     * Returns once this replica leads and what the previous leader may have had in flight is quiet; false
     * when the loop is stopping first.
     */
    boolean acquire(BackgroundLoop loop) throws SQLException, LeaseLost, InterruptedException {
        while (!tryLead()) {
            if (!loop.running()) {
                return false;
            }
            Thread.sleep(settings.pollInterval().multipliedBy(2).toMillis());
        }
        long start = System.nanoTime();
        LeaseTable.Previous previous = lease.take(holder, settings.lease(), inFlight);
        Duration quiet = holder.equals(previous.holder()) && ownSendsAnswered.getAsBoolean()
                ? Duration.ZERO
                : previous.untilQuiet();
        renewed(start);
        predecessorQuietAt = start + quiet.toNanos();
        if (!quiet.isZero()) {
            LOG.infof(
                    "outbox relay leads; it publishes in %d s, once what the previous leader may have sent is quiet",
                    quiet.toSeconds());
        }
        return sleep(quiet, loop);
    }

    private boolean tryLead() throws SQLException, InterruptedException {
        if (c.tryLead(settings.leaderLock())) {
            return true;
        }
        if (!lease.endExpiredHolder(settings.leaderLock())) {
            return false;
        }
        LOG.warn("the outbox relay's leader let its lease run out: its database session was ended to take over");
        // the ended session lets go of its lock as its process exits
        for (int i = 0; i < 50; i++) {
            if (c.tryLead(settings.leaderLock())) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Whether the lease, by this replica's own clock, still allows handing records to the producer. */
    boolean mayHand() {
        return System.nanoTime() - validUntil < 0;
    }

    /** Renews the lease once a third of it has passed since the last renewal. */
    void renewIfDue() throws SQLException, LeaseLost {
        long now = System.nanoTime();
        if (now - renewedAt < settings.lease().toNanos() / 3) {
            return;
        }
        if (!lease.renew(holder, settings.lease(), inFlight)) {
            throw new LeaseLost();
        }
        renewed(now);
    }

    /** Sleeps, renewing the lease; false when the loop is stopping. */
    boolean sleep(Duration d, BackgroundLoop loop) throws SQLException, LeaseLost, InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (loop.running()) {
            renewIfDue();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            Thread.sleep(Math.min(SLICE_MILLIS, Math.max(1, left / 1_000_000)));
        }
        return false;
    }

    /**
     * Hands the lease on: a successor waits only for what this replica, or the one before it if it is not
     * quiet yet, may still have in flight.
     */
    void release(boolean nothingInFlight) throws SQLException {
        Duration ours = nothingInFlight ? Duration.ZERO : inFlight;
        Duration predecessors = Duration.ofNanos(Math.max(0, predecessorQuietAt - System.nanoTime()));
        lease.release(holder, ours.compareTo(predecessors) > 0 ? ours : predecessors);
    }

    private void renewed(long at) {
        renewedAt = at;
        // the database set the lease from its clock at or after this instant: ours runs out no later
        validUntil = at + settings.lease().toNanos();
    }
}
