package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A list read back from its column equals the list written: otherwise every flush would find the session
 * changed and write its row again.
 */
class JsonListConverterTest {

    @Test
    void connectionsReadBackEqualToWhatWasWritten() {
        List<LiveConnection> written = List.of(
                connection("c1", null),
                connection("c2", new LiveConnection.ExpectedDisconnect(new BigDecimal("30"), "Navigating", null,
                        1795511520000L)));
        var converter = new JsonListConverter.LiveConnections();

        String column = converter.convertToDatabaseColumn(written);

        assertThat(converter.convertToEntityAttribute(column)).isEqualTo(written);
        assertThat(column).contains("\"unique_connection_id\":\"c1\"", "\"active_since\":\"2026-11-24T09:10:00.123Z\"");
    }

    @Test
    void notesAndFeedbackReadBackEqualScaleIncluded() {
        List<AgentNote> notes = List.of(new AgentNote("first", "u_1"), new AgentNote(null, null));
        List<QualityFeedback> feedback = List.of(new QualityFeedback(new BigDecimal("5.0"), "ok", "u_1"),
                new QualityFeedback(new BigDecimal("4"), null, null));
        var notesConverter = new JsonListConverter.AgentNotes();
        var feedbackConverter = new JsonListConverter.QualityFeedbacks();

        assertThat(notesConverter.convertToEntityAttribute(notesConverter.convertToDatabaseColumn(notes)))
                .isEqualTo(notes);
        assertThat(feedbackConverter.convertToEntityAttribute(feedbackConverter.convertToDatabaseColumn(feedback)))
                .isEqualTo(feedback);
        assertThat(notesConverter.convertToDatabaseColumn(notes)).contains("\"by_agent_id\":\"u_1\"");
    }

    @Test
    void aMissingOrNullColumnIsAnEmptyList() {
        assertThat(new JsonListConverter.AgentNotes().convertToEntityAttribute(null)).isEmpty();
        assertThat(new JsonListConverter.AgentNotes().convertToDatabaseColumn(null)).isEqualTo("[]");
    }

    private static LiveConnection connection(String id, LiveConnection.ExpectedDisconnect expectedDisconnect) {
        return new LiveConnection(id, null, Instant.parse("2026-11-24T09:10:00.123Z"), "active", expectedDisconnect,
                true, null, 1280, null, false, "off", true, null, null, null, null, null, null, null, null,
                "disabled", null, null, "Ask before typing", null);
    }
}
