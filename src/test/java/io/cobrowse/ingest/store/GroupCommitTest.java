package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.EventParser;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.junit.jupiter.api.Test;

/**
 * Webhooks committed in one group behave as if each had been committed alone, in order: the cases
 * where events of one group meet (the same id twice, one visitor's events before and after its erasure).
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class GroupCommitTest {

    @Inject
    GroupCommitter committer;

    @Inject
    GroupTransaction transaction;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    Inbox inbox;

    @Test
    void theSameIdTwiceInOneGroupIsADuplicateWithTheSameBodyAndAConflictWithAnother() {
        Db db = new Db(dataSource);
        String visitor = "gc" + tag();
        String first = Webhooks.newId();
        String second = Webhooks.newId();
        String body = visitorUpdated(visitor, "2026-11-24T10:00:00Z", "first@example.com");

        List<WebhookOutcome> kinds = commitTogether(
                webhook(first, body),
                webhook(first, body),
                webhook(second, visitorUpdated(visitor, "2026-11-24T10:01:00Z", "second@example.com")),
                webhook(second, visitorUpdated(visitor, "2026-11-24T10:01:00Z", "other@example.com")));

        assertThat(kinds)
                .containsExactly(
                        WebhookOutcome.APPLIED,
                        WebhookOutcome.DUPLICATE,
                        WebhookOutcome.APPLIED,
                        WebhookOutcome.CONFLICT);
        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE visitor_key = ?", visitor))
                .isEqualTo(2);
        assertThat(db.one("SELECT email FROM visitor WHERE short_id = ?", visitor))
                .isEqualTo("second@example.com");
        assertThat(db.rows("SELECT webhook_id FROM outbox_event WHERE visitor_key = ? ORDER BY id", visitor))
                .containsExactly(List.of(first), List.of(second));
    }

    @Test
    void anErasureInAGroupErasesWhatCameBeforeItAndNotANewerEventAfterIt() {
        Db db = new Db(dataSource);
        String visitor = "ge" + tag();
        String before = Webhooks.newId();
        String deletion = Webhooks.newId();
        String after = Webhooks.newId();

        List<WebhookOutcome> kinds = commitTogether(
                webhook(before, visitorUpdated(visitor, "2026-11-24T10:00:00Z", "before@example.com")),
                webhook(deletion, Webhooks.sample("visitor.deleted").replace("k7Qm2Xp9", visitor)),
                webhook(after, visitorUpdated(visitor, "2026-11-26T09:00:00Z", "after@example.com")));

        assertThat(kinds).containsOnly(WebhookOutcome.APPLIED);
        assertThat(db.rows(
                        "SELECT webhook_id, raw_body IS NULL FROM inbox_event WHERE visitor_key = ? "
                                + "ORDER BY event_timestamp",
                        visitor))
                .containsExactly(List.of(before, true), List.of(deletion, true), List.of(after, false));
        // in event order: the erased snapshot, the tombstone, the newer snapshot
        assertThat(db.rows(
                        "SELECT webhook_id, payload IS NULL, coalesce(payload, '') LIKE '%before@%' "
                                + "FROM outbox_event WHERE visitor_key = ? ORDER BY id",
                        visitor))
                .containsExactly(
                        List.of(before, false, false), List.of(deletion, true, false), List.of(after, false, false));
        assertThat(db.one("SELECT email FROM visitor WHERE short_id = ?", visitor))
                .isEqualTo("after@example.com");
    }

    @Test
    void aSessionCreatedInTheGroupBeforeItsVisitorsErasureIsStoredWithoutTheVisitorsData() {
        Db db = new Db(dataSource);
        String session = "gn" + tag();
        String visitor = "gd" + tag();

        List<WebhookOutcome> kinds = commitTogether(
                webhook(Webhooks.newId(), sessionSample("session.started", session, visitor)),
                webhook(Webhooks.newId(), Webhooks.sample("visitor.deleted").replace("k7Qm2Xp9", visitor)));

        assertThat(kinds).containsOnly(WebhookOutcome.APPLIED);
        assertThat(db.rows("SELECT visitor_email, visitor_ip_address, start_url FROM session WHERE id = ?", session))
                .containsExactly(Arrays.asList(null, null, null));
    }

    @Test
    void aStoredSessionsNewAgentsAreStoredWithItsRow() throws Exception {
        Db db = new Db(dataSource);
        String session = "ga" + tag();
        String visitor = "gv" + tag();
        commitTogether(webhook(Webhooks.newId(), sessionSample("session.started", session, visitor)));

        // a later snapshot of the stored session, with one agent more
        List<WebhookOutcome> kinds =
                commitTogether(webhook(Webhooks.newId(), sessionSample("session.ended", session, visitor)));

        assertThat(kinds).containsExactly(WebhookOutcome.APPLIED);
        assertThat(db.rows("SELECT agent_id FROM session_agent WHERE session_id = ? ORDER BY ordinal", session))
                .containsExactly(List.of("ea_77ab"), List.of("u_1c9"));
        assertThat(db.one("SELECT ended_at IS NOT NULL FROM session WHERE id = ?", session))
                .isEqualTo(true);
    }

    @Test
    void aStoredSessionLoadedWithItsListsKeepsEachEntryOnce() throws Exception {
        Db db = new Db(dataSource);
        String session = "gs" + tag();
        String visitor = "gv" + tag();
        // two agents, one note, one feedback, two connections: the agents are loaded joined, two rows per session
        commitTogether(
                webhook(Webhooks.newId(), sessionSample("session.ended", session, visitor)),
                webhook(Webhooks.newId(), sessionSample("session.state", session, visitor)));
        String later = Webhooks.newId();

        List<WebhookOutcome> kinds = commitTogether(webhook(
                later,
                sessionSample("session.state", session, visitor)
                        .replace(
                                "\"timestamp\": \"2026-11-24T09:12:30Z\"", "\"timestamp\": \"2026-11-24T09:30:00Z\"")));

        assertThat(kinds).containsExactly(WebhookOutcome.APPLIED);
        JsonNode published = new ObjectMapper()
                .readTree(String.valueOf(db.one("SELECT payload FROM outbox_event WHERE webhook_id = ?", later)));
        assertThat(published.get("agents")).hasSize(2);
        assertThat(published.get("agent_notes")).hasSize(1);
        assertThat(published.get("quality_feedback")).hasSize(1);
        assertThat(published.get("connections")).hasSize(2);
        assertThat(db.count("SELECT count(*) FROM session_agent WHERE session_id = ?", session))
                .isEqualTo(2);
        assertThat(db.count("SELECT jsonb_array_length(connections) FROM session WHERE id = ?", session))
                .isEqualTo(2);
    }

    @Test
    void aSessionEventWritesItsSessionsRowOnce() throws Exception {
        Db db = new Db(dataSource);
        String session = "gu" + tag();
        String visitor = "gv" + tag();
        commitTogether(webhook(Webhooks.newId(), sessionSample("session.started", session, visitor)));
        // each update of this session's row is recorded, so that a second write in one commit shows
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE session_write_" + session + " (n int)");
            st.execute("CREATE FUNCTION count_" + session + "() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN INSERT INTO session_write_" + session + " VALUES (1); RETURN NEW; END $$");
            st.execute("CREATE TRIGGER count_" + session + " AFTER UPDATE ON session FOR EACH ROW WHEN (NEW.id = '"
                    + session + "') EXECUTE FUNCTION count_" + session + "()");
            try {
                // connections with and without an expected disconnect, then a newer snapshot with agents
                commitTogether(webhook(Webhooks.newId(), sessionSample("session.state", session, visitor)));
                assertThat(db.count("SELECT count(*) FROM session_write_" + session))
                        .isEqualTo(1);
                commitTogether(webhook(Webhooks.newId(), sessionSample("session.ended", session, visitor)));
                assertThat(db.count("SELECT count(*) FROM session_write_" + session))
                        .isEqualTo(2);
            } finally {
                st.execute("DROP TRIGGER count_" + session + " ON session");
                st.execute("DROP FUNCTION count_" + session + "()");
                st.execute("DROP TABLE session_write_" + session);
            }
        }
    }

    @Test
    void anIdThatAnotherTransactionCommitsWhileTheGroupWaitsIsJudgedByItsStoredBody() throws Exception {
        Db db = new Db(dataSource);
        String visitor = "gw" + tag();
        String same = Webhooks.newId();
        String other = Webhooks.newId();
        IncomingWebhook sameBody = webhook(same, visitorUpdated(visitor, "2026-11-24T10:00:00Z", "w@example.com"));
        IncomingWebhook otherBody = webhook(other, visitorUpdated(visitor, "2026-11-24T10:01:00Z", "w@example.com"));
        CompletableFuture<List<WebhookOutcome>> group;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            insertInbox(c, same, sameBody.sha256());
            insertInbox(c, other, new byte[32]);
            // the group's insert waits for these rows: its statement started before they were committed
            group = CompletableFuture.supplyAsync(() -> commitTogether(sameBody, otherBody));
            awaitInboxStatementWaiting(db);
            c.commit();
        }
        assertThat(group.get(20, TimeUnit.SECONDS)).containsExactly(WebhookOutcome.DUPLICATE, WebhookOutcome.CONFLICT);
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE webhook_id IN (?, ?)", same, other))
                .isZero();
    }

    @Test
    void aGroupHeldUpAfterTakingItsVisitorsLocksDoesNotHoldUpAnotherVisitorsWebhook() throws Exception {
        Db db = new Db(dataSource);
        String slow = "gh" + tag();
        String other = "gh" + tag();
        String held = Webhooks.newId();
        String behind = Webhooks.newId();
        commitTogether(webhook(Webhooks.newId(), visitorUpdated(slow, "2026-11-24T10:00:00Z", "a@example.com")));
        CompletableFuture<WebhookResult> heldResult;
        CompletableFuture<WebhookResult> behindResult;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // the visitor's row is locked: its group gets past the inbox statement, then waits to update the row
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM visitor WHERE short_id = ? FOR UPDATE")) {
                lock.setString(1, slow);
                lock.executeQuery().close();
            }
            heldResult = committer.accept(webhook(held, visitorUpdated(slow, "2026-11-24T10:01:00Z", "b@example.com")));
            awaitStatementWaiting(db, "update visitor%");

            // another visitor's webhook is committed meanwhile; a later one of the same visitor waits its turn
            CompletableFuture<WebhookResult> free = committer.accept(
                    webhook(Webhooks.newId(), visitorUpdated(other, "2026-11-24T10:01:00Z", "o@example.com")));
            // well within the driver's socket time-out, which would end the held group's wait
            assertThat(free.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(WebhookOutcome.APPLIED);
            behindResult =
                    committer.accept(webhook(behind, visitorUpdated(slow, "2026-11-24T10:02:00Z", "c@example.com")));
            assertThat(heldResult).isNotDone();
            c.commit();
        }
        assertThat(heldResult.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(WebhookOutcome.APPLIED);
        assertThat(behindResult.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(WebhookOutcome.APPLIED);
        assertThat(db.rows(
                        "SELECT webhook_id FROM outbox_event WHERE visitor_key = ? AND webhook_id IN (?, ?)"
                                + " ORDER BY id",
                        slow,
                        held,
                        behind))
                .containsExactly(List.of(held), List.of(behind));
        assertThat(db.one("SELECT email FROM visitor WHERE short_id = ?", slow)).isEqualTo("c@example.com");
    }

    /** Until the group's inbox statement waits for a lock that the test's open transaction holds. */
    private static void awaitInboxStatementWaiting(Db db) throws InterruptedException {
        awaitStatementWaiting(db, "WITH locked%");
    }

    /** Until a statement of the service that begins like the pattern waits for a lock. */
    private static void awaitStatementWaiting(Db db, String pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (db.count(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'" + " AND query LIKE ?",
                        pattern)
                == 0) {
            assertThat(System.nanoTime())
                    .as("the group waits for the other transaction")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void insertInbox(Connection c, String webhookId, byte[] sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox_event (webhook_id, event_type,"
                + " event_timestamp, body_sha256, status) VALUES (?, 'visitor.updated', now(), ?, 'applied')")) {
            ps.setString(1, webhookId);
            ps.setBytes(2, sha256);
            ps.executeUpdate();
        }
    }

    @Test
    void aGroupsLoadsAreNotPlannedAnewOnEveryCommit() {
        String visitor = "gp" + tag();
        IncomingWebhook w = webhook(Webhooks.newId(), sessionSample("session.started", "gp" + tag(), visitor));
        List<?> plans = QuarkusTransaction.requiringNew().call(() -> {
            inbox.insertAll(List.of(w), new String[] {visitor});
            // pgjdbc prepares a statement on the server from its fifth execution on a connection
            for (int i = 0; i < 8; i++) {
                CommitGroup.load(em, List.of(w));
                em.clear();
            }
            return em.createNativeQuery("""
                    SELECT statement LIKE '%from session %' AS sessions, generic_plans, custom_plans
                    FROM pg_prepared_statements
                    WHERE (statement LIKE '%from visitor v1_0 where%' OR statement LIKE '%from session s1_0 %where%')
                      -- the loads by key, not the erasure's look-up of a visitor's sessions
                      AND statement LIKE '%any%'
                    ORDER BY 1""").getResultList();
        });
        // the session and visitor loads, each with a generic plan and never a custom one
        assertThat(plans).hasSize(2).allSatisfy(row -> {
            Object[] columns = (Object[]) row;
            assertThat(((Number) columns[1]).longValue()).isPositive();
            assertThat(((Number) columns[2]).longValue()).isZero();
        });
    }

    @Test
    void aGroupsLoadsAreTranslatedOnceForGroupsOfAnySize() {
        String visitor = "gt" + tag();
        List<IncomingWebhook> group = List.of(
                webhook(Webhooks.newId(), sessionSample("session.started", "gt" + tag(), visitor)),
                webhook(Webhooks.newId(), sessionSample("session.started", "gt" + tag(), "gt" + tag())));
        QueryInterpretationCache plans = em.getEntityManagerFactory()
                .unwrap(SessionFactoryImplementor.class)
                .getQueryEngine()
                .getInterpretationCache();
        QuarkusTransaction.requiringNew().run(() -> {
            plans.close();
            CommitGroup.load(em, group.subList(0, 1));
            em.clear();
            CommitGroup.load(em, group);
        });
        // the visitors' and the sessions' query plans, kept for the next group whatever its size
        assertThat(plans.getNumberOfCachedQueryPlans()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anAgentTakesTheNewestSnapshotAmongTheWebhooksThatAreApplied() {
        Db db = new Db(dataSource);
        String agent = "ea_" + tag();
        String other = "ea_" + tag();
        String a = Webhooks.newId();

        // in one group the newer snapshot wins, also when it comes first
        assertThat(commitTogether(
                        webhook(a, naming(agent, "Newer", "2026-11-24T10:02:00Z")),
                        webhook(Webhooks.newId(), naming(agent, "Older", "2026-11-24T10:01:00Z"))))
                .containsOnly(WebhookOutcome.APPLIED);
        assertThat(db.one("SELECT name FROM agent WHERE id = ?", agent)).isEqualTo("Newer");

        // a conflicting redelivery is not applied, so its agents are not stored; an older snapshot changes nothing
        assertThat(commitTogether(
                        webhook(a, naming(other, "Conflict", "2026-11-24T10:03:00Z")),
                        webhook(Webhooks.newId(), naming(agent, "Oldest", "2026-11-24T10:00:00Z"))))
                .containsExactly(WebhookOutcome.CONFLICT, WebhookOutcome.APPLIED);
        assertThat(db.count("SELECT count(*) FROM agent WHERE id = ?", other)).isZero();
        assertThat(db.one("SELECT name FROM agent WHERE id = ?", agent)).isEqualTo("Newer");

        // the same id twice in one group: only the first is applied, and only its agents count
        String b = Webhooks.newId();
        assertThat(commitTogether(
                        webhook(b, naming(agent, "Newest", "2026-11-24T10:04:00Z")),
                        webhook(b, naming(other, "Repeated", "2026-11-24T10:05:00Z"))))
                .containsExactly(WebhookOutcome.APPLIED, WebhookOutcome.CONFLICT);
        assertThat(db.one("SELECT name FROM agent WHERE id = ?", agent)).isEqualTo("Newest");
        assertThat(db.count("SELECT count(*) FROM agent WHERE id = ?", other)).isZero();

        // two snapshots of the same time: the later webhook wins
        assertThat(commitTogether(
                        webhook(Webhooks.newId(), naming(other, "First", "2026-11-24T10:06:00Z")),
                        webhook(Webhooks.newId(), naming(other, "Second", "2026-11-24T10:06:00Z"))))
                .containsOnly(WebhookOutcome.APPLIED);
        assertThat(db.one("SELECT name FROM agent WHERE id = ?", other)).isEqualTo("Second");
    }

    @Test
    void anAgentThatAnotherTransactionCreatesWhileTheGroupWaitsStillTakesTheGroupsNewerSnapshot() throws Exception {
        Db db = new Db(dataSource);
        String agent = "ea_" + tag();
        String visitor = "gl" + tag();
        IncomingWebhook newer = webhook(Webhooks.newId(), naming(agent, "Newer", "2026-11-24T10:02:00Z", visitor));
        CompletableFuture<List<WebhookOutcome>> group;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(Inbox.VISITOR_LOCKS);
                    PreparedStatement insert = c.prepareStatement("INSERT INTO agent (id, name, kind, position_at)"
                            + " VALUES (?, 'Older', 'agent', '2026-11-24T10:01:00Z')")) {
                lock.setArray(1, c.createArrayOf("text", new String[] {visitor}));
                lock.executeQuery().close();
                insert.setString(1, agent);
                insert.executeUpdate();
            }
            // the group's statement takes its snapshot, then waits for the visitor's lock
            group = CompletableFuture.supplyAsync(() -> commitTogether(newer));
            awaitInboxStatementWaiting(db);
            c.commit();
        }
        assertThat(group.get(20, TimeUnit.SECONDS)).containsExactly(WebhookOutcome.APPLIED);
        assertThat(db.one("SELECT name FROM agent WHERE id = ?", agent)).isEqualTo("Newer");
    }

    /** A new session of a new visitor whose one agent has the given name, at the given time. */
    private static String naming(String agent, String name, String at) {
        return naming(agent, name, at, "gv" + tag());
    }

    private static String naming(String agent, String name, String at, String visitor) {
        return sessionSample("session.started", "gs" + tag(), visitor)
                .replace("\"ea_77ab\"", "\"" + agent + "\"")
                .replace("\"Sam Carter\"", "\"" + name + "\"")
                .replace("2026-11-24T09:10:00Z", at);
    }

    private List<WebhookOutcome> commitTogether(IncomingWebhook... webhooks) {
        List<Work> group = List.of(webhooks).stream()
                .<Work>map(w -> new Work.Accept(w, new CompletableFuture<>()))
                .toList();
        return transaction.commit(group, () -> {}).stream()
                .map(WebhookResult::outcome)
                .toList();
    }

    private static IncomingWebhook webhook(String id, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        EventParser.Result parsed = EventParser.parse(bytes);
        assertThat(parsed.errors()).isEmpty();
        try {
            return new IncomingWebhook(
                    id,
                    parsed.event(),
                    bytes,
                    MessageDigest.getInstance("SHA-256").digest(bytes),
                    Instant.now());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String visitorUpdated(String visitor, String at, String email) {
        return Webhooks.envelope(
                "visitor.updated", at, "{\"short_id\":\"" + visitor + "\",\"email\":\"" + email + "\"}");
    }

    private static String sessionSample(String type, String session, String visitor) {
        return Webhooks.sample(type).replace("ses_9f2c41", session).replace("k7Qm2Xp9", visitor);
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
