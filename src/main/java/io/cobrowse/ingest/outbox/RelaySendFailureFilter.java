package io.cobrowse.ingest.outbox;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the Kafka connector's ERROR for each record of the relay's channel that the producer could not send
 * (SRMSG18206). The relay logs each failed round once, with its cause, and sends its records again (or parks, with a
 * line of its own, a record refused for good); the per-record ERROR came once per expired record, about 4,000 lines
 * for one outage of a minute. Other channels' failures and every other message are logged as before.
 */
@LoggingFilter(name = RelaySendFailureFilter.NAME)
public final class RelaySendFailureFilter implements Filter {

    static final String NAME = "relay-send-failures";

    private static final String LOGGER = "io.smallrye.reactive.messaging.kafka";
    private static final String UNABLE_TO_WRITE = "SRMSG18206";
    private static final String FORMATTED =
            UNABLE_TO_WRITE + ": Unable to write to Kafka from channel " + OutboxRelay.CHANNEL + " (";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(LOGGER.equals(record.getLoggerName())
                && record.getMessage() != null
                && record.getMessage().startsWith(UNABLE_TO_WRITE)
                && relayChannel(record));
    }

    /**
     * The channel is the message's first parameter where the record keeps its format and parameters apart, and
     * otherwise already in the message's text.
     */
    private static boolean relayChannel(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length > 0
                ? OutboxRelay.CHANNEL.equals(parameters[0])
                : record.getMessage().startsWith(FORMATTED);
    }
}
