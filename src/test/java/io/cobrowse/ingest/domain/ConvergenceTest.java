package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Out-of-order and repeated delivery converge to the same stored state. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ConvergenceTest {

    @Inject
    AgroalDataSource dataSource;

    static final String STATE_COLUMNS = """
            visitor_id, call_length_seconds, ended_at, features_used::text, formatted_length, formatted_call_length,
            metadata::text, length_seconds, video_status, started_at, position_at, position_rank,
            (SELECT string_agg(agent_id, ',' ORDER BY ordinal) FROM session_agent a WHERE a.session_id = s.id),
            (SELECT string_agg(n ->> 'text', ',' ORDER BY i) FROM jsonb_array_elements(s.agent_notes)
               WITH ORDINALITY AS t(n, i)),
            (SELECT string_agg((c ->> 'unique_connection_id') || ':' || coalesce(c ->> 'current_url', ''), ','
                               ORDER BY i)
               FROM jsonb_array_elements(s.connections) WITH ORDINALITY AS t(c, i))""";

    private Map<String, String> events(String visitor, String session) {
        String started =
                Webhooks.sample("session.started").replace("k7Qm2Xp9", visitor).replace("ses_9f2c41", session);
        String updated = started.replace("\"session.started\"", "\"session.updated\"")
                .replace("\"2026-11-24T09:10:00Z\",\n  \"data\"", "\"2026-11-24T09:15:00Z\",\n  \"data\"")
                .replace("\"call_length_seconds\": 0", "\"call_length_seconds\": 30");
        String ended =
                Webhooks.sample("session.ended").replace("k7Qm2Xp9", visitor).replace("ses_9f2c41", session);
        String state =
                Webhooks.sample("session.state").replace("k7Qm2Xp9", visitor).replace("ses_9f2c41", session);
        assertThat(updated).contains("session.updated").contains("09:15:00Z").contains("\"call_length_seconds\": 30");
        return Map.of("started", started, "updated", updated, "ended", ended, "state", state);
    }

    @Test
    void everyPermutationOfStartedUpdatedEndedConvergesToTheSameRow() {
        Db db = new Db(dataSource);
        String visitor = "conv" + UUID.randomUUID().toString().substring(0, 6);
        List<String> finals = new ArrayList<>();
        for (List<String> order : permutations(List.of("started", "updated", "ended", "state"))) {
            String session = "ses_" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> events = events(visitor, session);
            for (String name : order) {
                Webhooks.send(Webhooks.newId(), events.get(name)).then().statusCode(202);
            }
            // a redelivery of everything under new ids changes nothing
            for (String name : order) {
                Webhooks.send(Webhooks.newId(), events.get(name)).then().statusCode(202);
            }
            finals.add(String.valueOf(db.rows("SELECT " + STATE_COLUMNS + " FROM session s WHERE id = ?", session)));
        }
        assertThat(finals).hasSize(24);
        assertThat(finals).allMatch(f -> f.equals(finals.get(0)));
        assertThat(finals.get(0))
                .contains("2026-11-24 09:21:10")
                .contains("pending")
                .contains("670")
                .contains("ea_77ab,u_1c9")
                .contains("c-1:https://shop.example.com/checkout?step=2,c-2:");
    }

    @Test
    void anEndedThatArrivesBeforeItsStartedLeavesTheSessionEndedAndMarksTheStartStale() {
        Db db = new Db(dataSource);
        String visitor = "conv" + UUID.randomUUID().toString().substring(0, 6);
        String session = "ses_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> events = events(visitor, session);
        String endedId = Webhooks.newId();
        String startedId = Webhooks.newId();
        Webhooks.send(endedId, events.get("ended")).then().statusCode(202);
        Webhooks.send(startedId, events.get("started")).then().statusCode(202);
        assertThat(db.one("SELECT ended_at IS NOT NULL FROM session WHERE id = ?", session))
                .isEqualTo(true);
        assertThat(db.one("SELECT video_status FROM session WHERE id = ?", session))
                .isEqualTo("pending");
        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", startedId))
                .isEqualTo("stale");
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE webhook_id = ?", startedId))
                .isZero();
    }

    @Test
    void aSessionMayArriveBeforeItsVisitor() {
        Db db = new Db(dataSource);
        String visitor = "conv" + UUID.randomUUID().toString().substring(0, 6);
        String session = "ses_" + UUID.randomUUID().toString().substring(0, 8);
        Webhooks.send(Webhooks.newId(), events(visitor, session).get("started"))
                .then()
                .statusCode(202);
        assertThat(db.count("SELECT count(*) FROM visitor WHERE short_id = ?", visitor))
                .isZero();
        Webhooks.send(Webhooks.newId(), Webhooks.sample("visitor.updated").replace("k7Qm2Xp9", visitor))
                .then()
                .statusCode(202);
        assertThat(db.count("SELECT count(*) FROM session WHERE visitor_id = ?", visitor))
                .isEqualTo(1);
        assertThat(db.one("SELECT nickname FROM visitor WHERE short_id = ?", visitor))
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void visitorEventsOfEqualTimestampAreOrderedByWebhookId() {
        Db db = new Db(dataSource);
        String visitor = "conv" + UUID.randomUUID().toString().substring(0, 6);
        String body1 = Webhooks.envelope(
                "visitor.online", "2026-11-24T10:00:00Z", "{\"short_id\":\"" + visitor + "\",\"is_online\":true}");
        String body2 = Webhooks.envelope(
                "visitor.offline", "2026-11-24T10:00:00Z", "{\"short_id\":\"" + visitor + "\",\"is_online\":false}");
        Webhooks.send("msg_b_" + visitor, body2).then().statusCode(202);
        Webhooks.send("msg_a_" + visitor, body1).then().statusCode(202);
        assertThat(db.one("SELECT is_online FROM visitor WHERE short_id = ?", visitor))
                .isEqualTo(false);
    }

    @Test
    void visitorEventsLessThanAMicrosecondApartConvergeWhicheverArrivesFirst() {
        Db db = new Db(dataSource);
        List<Object> finals = new ArrayList<>();
        for (boolean laterFirst : List.of(true, false)) {
            String visitor = "conv" + UUID.randomUUID().toString().substring(0, 6);
            // PostgreSQL keeps microseconds: both are at 10:00:00.000000, and their webhook-ids order them
            String laterId = "msg_a_" + visitor;
            String later = Webhooks.envelope(
                    "visitor.online",
                    "2026-11-24T10:00:00.0000004Z",
                    "{\"short_id\":\"" + visitor + "\",\"is_online\":true}");
            String earlierId = "msg_b_" + visitor;
            String earlier = Webhooks.envelope(
                    "visitor.offline",
                    "2026-11-24T10:00:00.0000001Z",
                    "{\"short_id\":\"" + visitor + "\",\"is_online\":false}");
            if (laterFirst) {
                Webhooks.send(laterId, later).then().statusCode(202);
                Webhooks.send(earlierId, earlier).then().statusCode(202);
            } else {
                Webhooks.send(earlierId, earlier).then().statusCode(202);
                Webhooks.send(laterId, later).then().statusCode(202);
            }
            finals.add(db.one("SELECT is_online FROM visitor WHERE short_id = ?", visitor));
        }
        assertThat(finals).containsExactly(false, false);
    }

    static List<List<String>> permutations(List<String> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<String> rest = new ArrayList<>(items);
            String head = rest.remove(i);
            for (List<String> tail : permutations(rest)) {
                List<String> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
