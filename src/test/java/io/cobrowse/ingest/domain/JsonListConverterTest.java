package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.event.NormalizedSession.Connection;
import io.cobrowse.ingest.event.OutboundJson;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list read back from its column equals the list written: otherwise every flush would find the session
 * changed and write its row again.
 */
class JsonListConverterTest {

    @Test
    void connectionsReadBackEqualToWhatWasWritten() {
        List<Connection> written = List.of(
                connection("c1", "null"),
                connection("c2", "{\"return_time_seconds\": 30, \"message\": \"Navigating\", \"ts\": 1795511520000}"));
        var converter = new JsonListConverter.Connections();

        String column = converter.convertToDatabaseColumn(written);

        assertThat(converter.convertToEntityAttribute(column)).isEqualTo(written);
        assertThat(column).contains("\"unique_connection_id\":\"c1\"", "\"active_since\":\"2026-11-24T09:10:00.123Z\"");
    }

    @Test
    void notesAndFeedbackReadBackEqualScaleIncluded() {
        List<AgentNote> notes = List.of(new AgentNote("first", "u_1"), new AgentNote(null, null));
        List<QualityFeedback> feedback = List.of(
                new QualityFeedback(new BigDecimal("5.0"), "ok", "u_1"),
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
        assertThat(new JsonListConverter.AgentNotes().convertToEntityAttribute(null))
                .isEmpty();
        assertThat(new JsonListConverter.AgentNotes().convertToDatabaseColumn(null))
                .isEqualTo("[]");
    }

    private static Connection connection(String id, String expectedDisconnect) {
        return OutboundJson.read("""
                {"unique_connection_id": "%s", "active_since": "2026-11-24T09:10:00.123Z", "status": "active",
                 "expected_disconnect": %s, "has_focus": true, "screen_width": 1280, "audio_supported": false,
                 "full_tab_status": "off", "require_authorization_for_session": true,
                 "cobrowsing_video_enabled": "disabled", "agent_prompt": "Ask before typing"}""".formatted(id, expectedDisconnect), Connection.class);
    }
}
