package io.cobrowse.ingest.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Signed load from a few senders, each with visitors of its own, sending each visitor's webhooks one after
 * another: the next only once the previous one got a 2xx or was given up, the way the platform delivers.
 * So each visitor's acknowledged order is well defined. A failed attempt is retried with the same id and
 * body. Attempts go to the replicas in turn, as through a load balancer, which leaves a replica aside for a
 * while after it failed an attempt (passive health checking), so that a replica that hangs holds up only
 * the webhooks that reach it.
 */
final class Load {

    static final int SENDERS = 6;
    static final int VISITORS_PER_SENDER = 50;
    /** Each sender's pace: about 120 webhooks a second in all, well below what two cores commit. */
    static final Duration PACE = Duration.ofMillis(50);
    /** How long a webhook is retried, longer than a restart of the service takes. */
    static final Duration RETRY_FOR = Duration.ofSeconds(60);

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    /** How long a sender leaves a replica aside after it failed an attempt. */
    private static final Duration SET_ASIDE = Duration.ofSeconds(30);

    private final Ledger ledger = new Ledger();
    private final List<Integer> ports;
    private final String secret;
    private final List<Thread> senders = new ArrayList<>();
    /** Attempts under way, per replica. */
    private final AtomicIntegerArray inFlight;

    private volatile boolean stopping;

    private Load(List<Integer> ports, String secret) {
        this.ports = List.copyOf(ports);
        this.secret = secret;
        this.inFlight = new AtomicIntegerArray(ports.size());
    }

    /**
     * @param visitorPrefix unique per scenario, so that scenarios never share a visitor
     * @param ports the replicas' HTTP ports
     */
    static Load start(String visitorPrefix, Topics topics, List<Integer> ports, String secret) {
        Load load = new Load(ports, secret);
        for (int s = 0; s < SENDERS; s++) {
            List<Journey> visitors = new ArrayList<>();
            for (int v = 0; v < VISITORS_PER_SENDER; v++) {
                visitors.add(new Journey(visitorPrefix + "s" + s + "v" + v, v % 20, topics));
            }
            int first = s;
            Thread t = new Thread(() -> load.send(first, visitors), "sender-" + s);
            t.setDaemon(true);
            load.senders.add(t);
            t.start();
        }
        return load;
    }

    Ledger ledger() {
        return ledger;
    }

    /**
     * Returns once a request to this replica is under way (or after the time-out), so that a kill catches
     * requests whose answers it will cut off.
     */
    void awaitRequestInFlight(int port, Duration timeout) {
        int replica = ports.indexOf(port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get(replica) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Stops sending new webhooks, and waits for the ones in flight to be answered or given up. */
    void stop() throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime()
                + RETRY_FOR.plus(WebhookClient.ANSWER_TIMEOUT).plusSeconds(10).toNanos();
        for (Thread t : senders) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    private void send(int sender, List<Journey> visitors) {
        WebhookClient client = new WebhookClient(secret);
        long[] acknowledged = new long[visitors.size()];
        Replicas replicas = new Replicas(ports.size(), sender);
        try {
            for (int i = 0; !stopping; i++) {
                long start = System.nanoTime();
                int v = i % visitors.size();
                Webhook w = visitors.get(v).next();
                Ledger.Verdict verdict = Ledger.Verdict.REFUSED;
                while (true) {
                    int replica = replicas.next();
                    inFlight.incrementAndGet(replica);
                    WebhookClient.Outcome outcome;
                    try {
                        outcome = client.post(ports.get(replica), w);
                    } finally {
                        inFlight.decrementAndGet(replica);
                    }
                    ledger.attempt(outcome);
                    if (outcome.attempt() == WebhookClient.Attempt.ACKNOWLEDGED) {
                        verdict = Ledger.Verdict.ACKNOWLEDGED;
                        break;
                    }
                    if (outcome.attempt() == WebhookClient.Attempt.ANSWER_LOST) {
                        verdict = Ledger.Verdict.UNKNOWN;
                    }
                    replicas.setAside(replica);
                    if (System.nanoTime() - start > RETRY_FOR.toNanos()) {
                        break;
                    }
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
                long order = verdict == Ledger.Verdict.ACKNOWLEDGED ? acknowledged[v]++ : -1;
                ledger.record(new Ledger.Entry(w, verdict, start, order));
                TimeUnit.NANOSECONDS.sleep(PACE.toNanos() - (System.nanoTime() - start));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One sender's view of the replicas: in turn, skipping those set aside, unless all are. */
    private static final class Replicas {
        private final long[] asideUntil;
        private int turn;

        Replicas(int count, int first) {
            asideUntil = new long[count];
            Arrays.fill(asideUntil, System.nanoTime());
            turn = first;
        }

        int next() {
            long now = System.nanoTime();
            for (int i = 0; i < asideUntil.length; i++) {
                int r = turn++ % asideUntil.length;
                if (asideUntil[r] - now <= 0) {
                    return r;
                }
            }
            return turn++ % asideUntil.length;
        }

        void setAside(int replica) {
            asideUntil[replica] = System.nanoTime() + SET_ASIDE.toNanos();
        }
    }
}
