package io.cobrowse.ingest.outbox;

/** Stops and restarts the service's own relay, for tests elsewhere that need records to stay unpublished. */
public final class RelaySwitch {

    private RelaySwitch() {}

    /** Returns once the relay has stopped (after the batch it had in flight). */
    public static void pause(OutboxRelay relay) {
        relay.stop();
    }

    public static void resume(OutboxRelay relay) {
        relay.start();
    }
}
