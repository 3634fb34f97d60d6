package io.cobrowse.ingest.lifecycle;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A long-lived worker thread (a writer, the relay, the topic set-up) with one stop policy for all:
 * {@link #stop} asks the loop to finish what it is doing, waits up to a grace period, and only then
 * interrupts it. The body ends when {@link #running()} turns false or it is interrupted; an exception
 * that escapes it is logged, by class only (messages may carry personal data).
 */
public final class BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);

    /** The work of the loop; it returns when {@link BackgroundLoop#running()} turns false. */
    @FunctionalInterface
    public interface Body {
        void run(BackgroundLoop loop) throws Exception;
    }

    private final Thread thread;
    private volatile boolean running = true;

    private BackgroundLoop(String name, Body body) {
        this.thread = new Thread(() -> runGuarded(name, body), name);
        // never holds the JVM up: stop() is what ends it in order
        thread.setDaemon(true);
    }

    /** Starts the body on a thread of the given name. */
    public static BackgroundLoop start(String name, Body body) {
        BackgroundLoop loop = new BackgroundLoop(name, body);
        loop.thread.start();
        return loop;
    }

    private void runGuarded(String name, Body body) {
        try {
            body.run(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            LOG.errorf(
                    "background loop %s ended unexpectedly: %s",
                    name, e.getClass().getName());
        }
    }

    /** False once a stop was asked for or the thread was interrupted. */
    public boolean running() {
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
        }
    }

    public void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    public boolean isAlive() {
        return thread.isAlive();
    }
}
