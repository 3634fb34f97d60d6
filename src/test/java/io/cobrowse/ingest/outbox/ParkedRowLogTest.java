package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator reads of a parked row: one warning per row and reason, not one per retry. */
class ParkedRowLogTest {

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger relayLog = Logger.getLogger(OutboxRelay.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        relayLog.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        relayLog.removeHandler(capture);
    }

    @Test
    void aRowRefusedAgainForTheSameReasonIsWarnedOfOnce() {
        ParkedRowLog log = new ParkedRowLog();
        for (int retry = 0; retry < 5; retry++) {
            log.parked(parked(7, "RecordTooLargeException"));
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("outbox row 7 parked", "RecordTooLargeException");
    }

    @Test
    void aRowRefusedForAnotherReasonIsWarnedOfAgain() {
        ParkedRowLog log = new ParkedRowLog();
        log.parked(parked(7, "RecordTooLargeException"));
        log.parked(parked(7, "RecordTooLargeException"));
        log.parked(parked(7, "TopicAuthorizationException"));
        log.parked(parked(7, "TopicAuthorizationException"));
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1))
                .contains("row 7", "another reason", "TopicAuthorizationException", "RecordTooLargeException");
    }

    private static RoundResult.Parked parked(long id, String reason) {
        return new RoundResult.Parked(row(id), reason);
    }

    private static OutboxRow row(long id) {
        Instant at = Instant.parse("2026-11-24T10:05:00Z");
        return new OutboxRow(id, "msg_" + id, "cobrowse.sessions", "key", "type", "subject", at, "{}", at, "visitor");
    }
}
