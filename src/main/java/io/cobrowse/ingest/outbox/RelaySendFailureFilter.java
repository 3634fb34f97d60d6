package io.cobrowse.ingest.outbox;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the Kafka connector's two ERRORs for each record of the relay's channel that the producer could not send:
 * "unable to write" (SRMSG18206) and "nacking message" (SRMSG18212). The relay logs each failed round once, with its
 * cause, and sends its records again (or parks, with a line of its own, a record refused for good); the per-record
 * ERRORs came twice per expired record, about 4,000 lines for an outage of half a minute. Other channels' failures
 * and every other message are logged as before.
 */
@LoggingFilter(name = RelaySendFailureFilter.NAME)
public final class RelaySendFailureFilter implements Filter {

    static final String NAME = "relay-send-failures";

    private static final String LOGGER = "io.smallrye.reactive.messaging.kafka";

    /** A message of the connector about one record, and where its channel is. */
    private record PerRecord(String id, int channelParameter, String formattedChannel) {

        boolean matches(String message, Object[] parameters) {
            if (!message.startsWith(id)) {
                return false;
            }
            // the channel is a parameter where the record keeps its format and parameters apart, else in the text
            return parameters != null && parameters.length > channelParameter
                    ? OutboxRelay.CHANNEL.equals(parameters[channelParameter])
                    : message.contains(formattedChannel);
        }
    }

    private static final PerRecord UNABLE_TO_WRITE =
            new PerRecord("SRMSG18206", 0, " from channel " + OutboxRelay.CHANNEL + " (");
    private static final PerRecord NACKING =
            new PerRecord("SRMSG18212", 1, " from channel '" + OutboxRelay.CHANNEL + "' was not sent");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return !(LOGGER.equals(record.getLoggerName())
                && message != null
                && (UNABLE_TO_WRITE.matches(message, record.getParameters())
                        || NACKING.matches(message, record.getParameters())));
    }
}
