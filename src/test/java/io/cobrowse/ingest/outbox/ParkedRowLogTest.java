package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.support.CapturedLog;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator reads of a parked row: a warning when it is parked and when its reason changes, not per retry. */
class ParkedRowLogTest {

    private final CapturedLog captured = CapturedLog.ofThisThread(OutboxRelay.class.getName());

    @AfterEach
    void stopListening() {
        captured.close();
    }

    @Test
    void aRowRefusedAgainForTheSameReasonIsWarnedOfOnce() {
        ParkedRowLog parkedLog = new ParkedRowLog();
        for (int retry = 0; retry < 5; retry++) {
            parkedLog.parked(parked(7, "RecordTooLargeException"));
        }
        assertThat(captured.messages(Level.WARNING))
                .singleElement()
                .asString()
                .contains("outbox row 7 parked", "RecordTooLargeException");
    }

    @Test
    void aRowRefusedForAnotherReasonIsWarnedOfAgain() {
        ParkedRowLog parkedLog = new ParkedRowLog();
        parkedLog.parked(parked(7, "RecordTooLargeException"));
        parkedLog.parked(parked(7, "RecordTooLargeException"));
        parkedLog.parked(parked(7, "TopicAuthorizationException"));
        parkedLog.parked(parked(7, "TopicAuthorizationException"));
        assertThat(captured.messages(Level.WARNING))
                .hasSize(2)
                .last()
                .asString()
                .contains("row 7", "another reason", "(TopicAuthorizationException; before: RecordTooLargeException)");
    }

    private static RoundResult.Parked parked(long id, String reason) {
        return new RoundResult.Parked(row(id), reason);
    }

    private static OutboxRow row(long id) {
        Instant at = Instant.parse("2026-11-24T10:05:00Z");
        return new OutboxRow(id, "msg_" + id, "cobrowse.sessions", "key", "type", "subject", at, "{}", at, "visitor");
    }
}
