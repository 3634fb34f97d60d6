package io.cobrowse.ingest.bench;

/** Where a load step delivers events: the service over HTTP, or the baseline's plain SQL. */
interface EventSink extends AutoCloseable {

    int ACCEPTED = 202;
    int DUPLICATE = 200;

    /** Delivers one event and answers like the service: 202 new, 200 duplicate, anything else is an error. */
    int deliver(GeneratedEvent event) throws Exception;

    @Override
    void close();
}
