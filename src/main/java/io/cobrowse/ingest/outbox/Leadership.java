package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * This relay's share of the partitions of the visitor key ({@link OutboxRelay#PARTITIONS}), so that several
 * replicas publish at once while each visitor's records leave from one replica at a time. A partition is led
 * with its lock (a session advisory lock: a clean disconnect hands it on at once) and a lease renewed a few
 * times per lease. Each relay leads its fair share of the partitions among the relays running: it gives up
 * the partitions above its share between rounds, and takes free ones while below.
 *
 * <p>A relay whose connection died silently keeps its locks on the server, but not its leases: once they have
 * run out, another ends that session and takes over. Fencing is by time: a relay hands nothing to its producer
 * after its lease has run out by its own clock, and the new leader of a partition publishes nothing before the
 * previous lease plus the producer's delivery time-outs have passed (or at once, when it was given up with
 * nothing in flight), so no record of the old leader can land after one of the new leader's.
 */
final class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);
    private static final long SLICE_MILLIS = 500;

    /** Thrown when a partition's lease turned out to be another replica's: this one must stop at once. */
    static final class LeaseLost extends Exception {
        LeaseLost() {
            super("a partition's lease passed to another replica", null, false, false);
        }
    }

    private final RelayConnection c;
    private final LeaseTable lease;
    private final RelayLocks locks;
    private final IngestConfig.Relay settings;
    private final Duration inFlight;
    private final String holder;
    private final BooleanSupplier ownSendsAnswered;
    /** The partitions led, each with the instant (System.nanoTime) from which it may publish. */
    private final TreeMap<Integer, Long> led = new TreeMap<>();

    private long renewedAt;
    private long validUntil;
    private long balancedAt;

    /**
     * @param holder this relay's name in the leases, the same across its connections
     * @param ownSendsAnswered whether everything this relay handed to its producer has been answered: then
     *     it need not wait for its own earlier leadership of a partition to be quiet
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
        this.locks = RelayLocks.of(settings.leaderLock());
        this.settings = settings;
        this.inFlight = inFlight;
    }

    /** Returns once this relay has joined the others (it leads no partition yet); false when stopping first. */
    boolean join(BackgroundLoop loop) throws SQLException, InterruptedException {
        while (!tryJoin()) {
            if (!loop.running()) {
                return false;
            }
            Thread.sleep(settings.pollInterval().multipliedBy(2).toMillis());
        }
        lease.adoptPreviousVersion();
        long now = System.nanoTime();
        lease.renew(holder, new Integer[0], settings.lease(), inFlight);
        renewed(now);
        return true;
    }

    private boolean tryJoin() throws SQLException, InterruptedException {
        if (locks.join(c.connection())) {
            return true;
        }
        if (!lease.endExpiredHolders(locks)) {
            return false;
        }
        LOG.warn("the previous version's outbox relay let its lease run out: its database session was ended");
        // the ended session lets go of its lock as its process exits
        for (int i = 0; i < 50; i++) {
            if (locks.join(c.connection())) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Leads this relay's fair share of the partitions, once per poll interval: gives up those above it (its
     * rounds are over: what it sent has been answered, or the successor waits for it), takes free ones while
     * below it, and ends the sessions of relays whose leases ran out.
     */
    void balance() throws SQLException {
        long now = System.nanoTime();
        if (now - balancedAt < settings.pollInterval().toNanos()) {
            return;
        }
        balancedAt = now;
        int members = lease.members(holder);
        int share = (OutboxRelay.PARTITIONS + members - 1) / members;
        while (led.size() > share) {
            giveUp(led.lastKey());
        }
        if (led.size() < share) {
            takeFree(share);
            if (led.size() < share && lease.endExpiredHolders(locks)) {
                LOG.warn("an outbox relay let its partitions' leases run out: its database session was ended");
            }
        }
    }

    private void takeFree(int share) throws SQLException {
        List<Integer> waiting = new ArrayList<>();
        Duration longest = Duration.ZERO;
        List<Integer> free = locks.free(c.connection());
        // from a random one on, so that relays joining together try different partitions first
        Collections.rotate(free, ThreadLocalRandom.current().nextInt(OutboxRelay.PARTITIONS));
        for (int p : free) {
            if (led.size() >= share) {
                break;
            }
            if (!locks.tryLockPartition(c.connection(), p)) {
                // taken since the look
                continue;
            }
            long at = System.nanoTime();
            LeaseTable.Previous previous = lease.take(holder, p, settings.lease(), inFlight);
            Duration quiet = holder.equals(previous.holder()) && ownSendsAnswered.getAsBoolean()
                    ? Duration.ZERO
                    : previous.untilQuiet();
            led.put(p, at + quiet.toNanos());
            if (!quiet.isZero()) {
                waiting.add(p);
                longest = quiet.compareTo(longest) > 0 ? quiet : longest;
            }
        }
        if (!waiting.isEmpty()) {
            LOG.infof(
                    "outbox relay leads partitions %s; it publishes their records within %d s, once what their"
                            + " previous leader may have sent is quiet",
                    waiting, longest.toSeconds());
        }
    }

    private void giveUp(int p) throws SQLException {
        long publishableAt = led.remove(p);
        Duration ours = ownSendsAnswered.getAsBoolean() ? Duration.ZERO : inFlight;
        Duration predecessors = Duration.ofNanos(Math.max(0, publishableAt - System.nanoTime()));
        lease.release(holder, p, ours.compareTo(predecessors) > 0 ? ours : predecessors, locks);
    }

    /** The partitions led, fewer or more after each {@link #balance()}. */
    int led() {
        return led.size();
    }

    /** The partitions led whose previous leader is quiet: those whose rows this relay may publish now. */
    Integer[] publishable() {
        long now = System.nanoTime();
        List<Integer> ready = new ArrayList<>(led.size());
        led.forEach((p, at) -> {
            if (now - at >= 0) {
                ready.add(p);
            }
        });
        return ready.toArray(Integer[]::new);
    }

    /** Whether the leases, by this replica's own clock, still allow handing records to the producer. */
    boolean mayHand() {
        return System.nanoTime() - validUntil < 0;
    }

    /** Renews the membership and the leases once a third of the lease has passed since the last renewal. */
    void renewIfDue() throws SQLException, LeaseLost {
        long now = System.nanoTime();
        if (now - renewedAt < settings.lease().toNanos() / 3) {
            return;
        }
        Integer[] partitions = led.keySet().toArray(Integer[]::new);
        if (lease.renew(holder, partitions, settings.lease(), inFlight) < partitions.length) {
            throw new LeaseLost();
        }
        renewed(now);
    }

    /** Sleeps, renewing the leases; false when the loop is stopping. */
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
     * Gives every partition up and leaves: a successor waits only for what this relay, or the one before it
     * if it is not quiet yet, may still have in flight.
     */
    void leave() throws SQLException {
        while (!led.isEmpty()) {
            giveUp(led.lastKey());
        }
        lease.leave(holder);
    }

    private void renewed(long at) {
        renewedAt = at;
        // the database set the leases from its clock at or after this instant: ours run out no later
        validUntil = at + settings.lease().toNanos();
    }
}
