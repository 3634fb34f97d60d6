package io.cobrowse.ingest.bench;

/** Opens one sink per sender thread (a connection each, as separate senders would have). */
@FunctionalInterface
interface SinkFactory {
    EventSink open() throws Exception;
}
