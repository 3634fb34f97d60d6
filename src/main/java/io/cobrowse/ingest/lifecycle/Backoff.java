package io.cobrowse.ingest.lifecycle;

import java.time.Duration;

/** Exponential backoff: each pause doubles the one before, up to a ceiling; a success starts it over. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The pause to take now; the one after it is twice as long, at most the ceiling. */
    public Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    public void reset() {
        next = initial;
    }

    /** Sleeps for the next pause. */
    public void pause() throws InterruptedException {
        Thread.sleep(next().toMillis());
    }
}
