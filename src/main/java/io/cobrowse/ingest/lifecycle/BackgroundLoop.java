package io.cobrowse.ingest.lifecycle;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A long-lived worker thread (a writer, the relay, the topic set-up) with one stop policy for all:
 * {@link #stop} asks the loop to finish what it is doing, waits up to a grace period, and only then
 * interrupts it. The body ends when {@link #running()} turns false or it is interrupted; an exception
 * that escapes it is logged, by class only (messages may carry personal data).
 *
 * <p>A loop runs until it is stopped, or asks itself to stop ({@link #requestStop()}) when its work is
 * done: ending otherwise is a failure. Each call of {@link #running()} is
 * its heartbeat. Every loop not yet stopped is listed by {@link #all()}, so that liveness can tell a loop
 * that has ended or stopped coming round.
 */
public final class BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);
    private static final Set<BackgroundLoop> STARTED = ConcurrentHashMap.newKeySet();

    /** The work of the loop; it returns when {@link BackgroundLoop#running()} turns false. */
    @FunctionalInterface
    public interface Body {
        void run(BackgroundLoop loop) throws Exception;
    }

    private final String name;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastBeat = System.nanoTime();
    private volatile String failure;

    private BackgroundLoop(String name, Body body) {
        this.name = name;
        this.thread = new Thread(() -> runGuarded(body), name);
        // never holds the JVM up: stop() is what ends it in order
        thread.setDaemon(true);
    }

    /** Starts the body on a thread of the given name. */
    public static BackgroundLoop start(String name, Body body) {
        BackgroundLoop loop = new BackgroundLoop(name, body);
        STARTED.add(loop);
        loop.thread.start();
        return loop;
    }

    /** The loops started and not yet stopped, by name. */
    public static List<BackgroundLoop> all() {
        return STARTED.stream()
                .sorted(Comparator.comparing(BackgroundLoop::name))
                .toList();
    }

    private void runGuarded(Body body) {
        try {
            body.run(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e.getClass().getName();
            LOG.errorf("background loop %s ended unexpectedly: %s", name, failure);
        } finally {
            if (!running) {
                // finished as asked: nothing left to watch
                STARTED.remove(this);
            }
        }
    }

    /** False once a stop was asked for or the thread was interrupted. Each call counts as a heartbeat. */
    public boolean running() {
        lastBeat = System.nanoTime();
        return running && !thread.isInterrupted();
    }

    /** Asks the loop to end after what it is doing; returns at once. */
    public void requestStop() {
        running = false;
    }

    /** Waits up to the grace period for the loop to end, then interrupts it and waits a moment more. */
    public void awaitStop(Duration grace) {
        try {
            thread.join(Math.max(1, grace.toMillis()));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            STARTED.remove(this);
        }
    }

    public void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    public String name() {
        return name;
    }

    /**
     * What is wrong with this loop, or null when nothing is: it ended without being asked to (with the
     * class of what ended it), or it has not come round for longer than {@code staleAfter}.
     */
    public String problem(Duration staleAfter) {
        if (!running) {
            return null;
        }
        if (!thread.isAlive()) {
            return "ended unexpectedly" + (failure == null ? "" : " (" + failure + ")");
        }
        long silentNanos = System.nanoTime() - lastBeat;
        if (silentNanos > staleAfter.toNanos()) {
            return "no heartbeat for " + Duration.ofNanos(silentNanos).toSeconds() + " s";
        }
        return null;
    }
}
