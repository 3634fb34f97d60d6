package io.cobrowse.ingest.api;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.domain.Session;
import io.cobrowse.ingest.domain.SessionMapping;
import io.cobrowse.ingest.domain.Visitor;
import io.cobrowse.ingest.domain.VisitorMapping;
import io.cobrowse.ingest.event.OutboundJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Visitors and sessions in their normalized form exactly as the last record published for each (contract
 * section 2). That is the payload of the newest live outbox row while the outbox still holds it: byte for byte,
 * which the stored state alone cannot give (jsonb reorders a session's metadata keys, and a shared agent's row
 * may have changed since the session's snapshot named it). Once retention has deleted the rows, the form is
 * built from the stored state by the mapping that built the payloads.
 *
 * <p>Nothing personal of an erased visitor is shown, even while the clean-up of old rows is under way: a record
 * not newer than the visitor's erasure is shown erased. The reads run without one snapshot, in an order that
 * keeps that true when an erasure commits between them: the visitor's state is read after the rows, and a
 * visitor whose newest row is a tombstone is erased whatever the state read before said.
 */
@ApplicationScoped
public class NormalizedForms {

    private final String visitorsTopic;
    private final String sessionsTopic;

    public NormalizedForms(IngestConfig config) {
        this.visitorsTopic = config.topics().visitors();
        this.sessionsTopic = config.topics().sessions();
    }

    /** The visitor's form; empty when unknown, or when the last record published for it is its tombstone. */
    public Optional<String> visitor(String shortId) {
        Visitor v = Visitor.findById(shortId);
        return v == null ? Optional.empty() : visitors(List.of(v)).stream().findFirst();
    }

    /** The session's form; empty when unknown. A session of an erased visitor is shown erased. */
    public Optional<String> session(String id) {
        Session s = Session.findById(id);
        return s == null ? Optional.empty() : Optional.of(sessions(List.of(s)).get(0));
    }

    /** A page of the visitors a lookup finds. */
    Page<Object> found(VisitorLookup lookup, PageRequest page) {
        return lookup.query()
                .page(page, (hql, p) -> Visitor.<Visitor>find(hql, p), v -> new PageCursor(v.addedAt, v.shortId))
                .map(visitors -> RawJson.list(visitors(visitors)));
    }

    /** A page of the visitor's sessions, newest first by started_at (those without one last). */
    Page<Object> sessionsOf(String shortId, PageRequest page) {
        if (PathIds.found(shortId).isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return new ListQuery("Session s", "s.startedAt", "s.id", true)
                .where("s.visitorId = :visitor", "visitor", shortId)
                .page(page, (hql, p) -> Session.<Session>find(hql, p), s -> new PageCursor(s.startedAt, s.id))
                .map(sessions -> RawJson.list(sessions(sessions)));
    }

    /** The forms of the visitors, in their order, but for those that are erased. */
    List<String> visitors(List<Visitor> visitors) {
        List<String> keys = visitors.stream().map(v -> v.shortId).toList();
        Map<String, OutboxEvent> latest = latest(visitorsTopic, keys, keys);
        List<String> forms = new ArrayList<>(visitors.size());
        for (Visitor v : visitors) {
            OutboxEvent row = latest.get(v.shortId);
            if (v.isErased() || (row != null && row.payload == null)) {
                continue;
            }
            String form = row != null ? row.payload : OutboundJson.write(VisitorMapping.normalized(v));
            forms.add(row != null && v.erases(row.ceTime) ? VisitorMapping.erasedJson(form) : form);
        }
        return forms;
    }

    /** The forms of the sessions, in their order. */
    List<String> sessions(List<Session> sessions) {
        List<String> visitorKeys =
                sessions.stream().map(s -> s.visitorId).distinct().toList();
        Map<String, OutboxEvent> latest = latest(
                sessionsTopic, visitorKeys, sessions.stream().map(s -> s.id).toList());
        // read after the rows: an erasure committed meanwhile is seen here
        Map<String, Visitor> visitors = Visitor.<Visitor>list("shortId in ?1", visitorKeys).stream()
                .collect(Collectors.toMap(v -> v.shortId, Function.identity()));
        List<String> forms = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            OutboxEvent row = latest.get(s.id);
            String form = row != null ? row.payload : OutboundJson.write(SessionMapping.normalized(s));
            Instant time = row != null ? row.ceTime : newestPosition(s);
            Visitor v = visitors.get(row != null ? row.visitorKey : s.visitorId);
            forms.add(v != null && time != null && v.erases(time) ? SessionMapping.erasedJson(form) : form);
        }
        return forms;
    }

    /** The time of the newest event that changed the session: its attributes' or its connections'. */
    private static Instant newestPosition(Session s) {
        return Stream.of(s.position, s.connectionsPosition)
                .filter(Objects::nonNull)
                .map(p -> p.at)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    /**
     * The newest live (not replayed) outbox row of each subject, by subject. A visitor's rows are numbered in the
     * order they are published, so the highest id is the last record. Found through the visitors' index.
     */
    private Map<String, OutboxEvent> latest(String topic, Collection<String> visitorKeys, Collection<String> subjects) {
        return OutboxEvent.<OutboxEvent>list("""
                        id in (select max(o.id) from OutboxEvent o where o.topic = ?1 and o.visitorKey in ?2
                               and o.ceSubject in ?3 and o.replayId is null group by o.ceSubject)""", topic, visitorKeys, subjects).stream()
                .collect(Collectors.toMap(o -> o.ceSubject, Function.identity()));
    }
}
