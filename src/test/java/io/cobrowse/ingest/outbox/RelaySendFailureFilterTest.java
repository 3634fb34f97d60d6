package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.support.CapturedLog;
import io.smallrye.reactive.messaging.kafka.i18n.KafkaLogging;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * During a Kafka outage the log shows the relay's line per failed round, not the connector's ERROR per record; the
 * records are the connector's own, logged through its message logger.
 */
class RelaySendFailureFilterTest {

    private final CapturedLog captured =
            CapturedLog.ofThisThread("io.smallrye.reactive.messaging.kafka", OutboxRelay.class.getName());

    @BeforeEach
    void listen() {
        captured.setFilter(new RelaySendFailureFilter());
    }

    @AfterEach
    void stopListening() {
        captured.close();
    }

    @Test
    void theErrorsForEachRecordTheRelayCouldNotSendAreLeftOut() {
        TimeoutException expired = new TimeoutException("Expiring 13 record(s)");
        KafkaLogging.log.unableToWrite(OutboxRelay.CHANNEL, "cobrowse.visitors.v1", expired);
        KafkaLogging.log.nackingMessage(Message.of("record"), OutboxRelay.CHANNEL, "cobrowse.visitors.v1", expired);

        assertThat(captured.messages()).isEmpty();
    }

    @Test
    void soIsItWhenTheRecordKeepsItsFormatAndParametersApart() {
        LogRecord kept =
                new LogRecord(Level.SEVERE, "SRMSG18206: Unable to write to Kafka from channel %s (topic: %s)");
        kept.setLoggerName("io.smallrye.reactive.messaging.kafka");
        kept.setParameters(new Object[] {OutboxRelay.CHANNEL, "cobrowse.visitors.v1"});
        LogRecord other = new LogRecord(Level.SEVERE, kept.getMessage());
        other.setLoggerName(kept.getLoggerName());
        other.setParameters(new Object[] {"audit", "audit.v1"});

        LogRecord nacked = new LogRecord(
                Level.SEVERE,
                "SRMSG18212: Message %s from channel '%s' was not sent to Kafka topic '%s' - nacking message");
        nacked.setLoggerName(kept.getLoggerName());
        nacked.setParameters(new Object[] {"record", OutboxRelay.CHANNEL, "cobrowse.visitors.v1"});

        assertThat(new RelaySendFailureFilter().isLoggable(kept)).isFalse();
        assertThat(new RelaySendFailureFilter().isLoggable(nacked)).isFalse();
        assertThat(new RelaySendFailureFilter().isLoggable(other)).isTrue();
    }

    @Test
    void anotherChannelsSendFailuresAreStillLogged() {
        TimeoutException expired = new TimeoutException("Expiring 1 record(s)");
        KafkaLogging.log.unableToWrite("audit", "audit.v1", expired);
        KafkaLogging.log.nackingMessage(Message.of("record"), "audit", "audit.v1", expired);

        assertThat(captured.messages()).satisfiesExactly(m -> assertThat(m).startsWith("SRMSG18206"), m -> assertThat(m)
                .startsWith("SRMSG18212"));
    }

    @Test
    void theConnectorsOtherErrorsAndTheRelaysOwnLinesAreStillLogged() {
        KafkaLogging.log.unableToDispatch(new IllegalStateException("closed"));
        org.jboss.logging.Logger.getLogger(OutboxRelay.class)
                .warnf("publishing to Kafka failed (%s); %d outbox rows will be sent again", "TimeoutException", 2000);

        assertThat(captured.messages()).satisfiesExactly(m -> assertThat(m).startsWith("SRMSG18207"), m -> assertThat(m)
                .startsWith("publishing to Kafka failed"));
    }
}
