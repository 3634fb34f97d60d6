package io.cobrowse.ingest.retention;

/**
 * What retention removes, each with the statement that removes one batch of it: the rows older than the cut-off
 * (first parameter), at most a batch (second), oldest first. Each returns how many it removed, how many raw
 * bodies it dropped on the way, and how many rows it took: a batch that took fewer than it could was the last. A
 * run takes records before bodies, and webhook rows in turns with both.
 *
 * <p>Records and webhook rows are taken {@code FOR UPDATE SKIP LOCKED}: a row a writer, the relay or an erasure
 * holds is left for the next batch, so retention waits for none of them, and a writer waits at most for one short
 * batch. Raw bodies wait for a lock, at most the batch's lock timeout (see {@link #RAW_BODIES}).
 *
 * <p>Rows a statement deletes it finds once, locks, and then reaches by their place in the table (ctid) rather than
 * through an index again, a large share of a batch's time. A row another transaction changed between the
 * statement's snapshot and its lock is then not found: it counts as taken, and goes in a later batch. Rows it
 * updates it reaches through their key, which finds such a row's newest version.
 */
public enum Retained {

    /**
     * Published outbox records. For live ones the webhook keeps when they were published, in the same statement,
     * so that its publication still reads as published; replayed copies are simply deleted. A raw body past its
     * own retention (third parameter) goes in the same update: one new version of the inbox row rather than two,
     * which with the default periods is nearly every row.
     */
    PUBLISHED("published", """
            WITH taken AS MATERIALIZED (
                SELECT ctid FROM outbox_event
                WHERE published_at < ?
                ORDER BY published_at LIMIT ? FOR UPDATE SKIP LOCKED),
            deleted AS (
                DELETE FROM outbox_event WHERE ctid = ANY (ARRAY(SELECT ctid FROM taken))
                RETURNING webhook_id, replay_id, published_at),
            remembered AS (
                UPDATE inbox_event i SET records_published_at = greatest(i.records_published_at, d.published_at),
                                         raw_body = CASE WHEN d.drops_body THEN NULL ELSE i.raw_body END
                FROM (SELECT g.webhook_id, max(g.published_at) AS published_at,
                             bool_or(b.raw_body IS NOT NULL AND b.received_at < ?) AS drops_body
                      FROM deleted g JOIN inbox_event b ON b.webhook_id = g.webhook_id
                      WHERE g.replay_id IS NULL GROUP BY g.webhook_id) d
                WHERE i.webhook_id = d.webhook_id
                RETURNING d.drops_body)
            SELECT (SELECT count(*) FROM deleted), (SELECT count(*) FROM remembered WHERE drops_body),
                   (SELECT count(*) FROM taken)"""),

    /**
     * Raw bodies, whatever the webhook's status: the id, SHA-256, type, status and times stay, so that a
     * redelivery still answers as a duplicate. No index names raw_body (so that dropping one is a heap-only update):
     * the pass walks the received_at index from where the last one ended, kept in retention_progress, and moves
     * that mark on with each batch. It takes locked rows too, waiting at most the batch's lock timeout: a row it
     * skipped would fall behind the mark and keep its body.
     */
    RAW_BODIES("raw_body", """
            WITH given AS MATERIALIZED (SELECT ?::timestamptz AS cut_off, ?::int AS size),
            batch AS (
                SELECT i.webhook_id, i.received_at FROM inbox_event i
                WHERE i.received_at >= coalesce(
                          (SELECT through FROM retention_progress WHERE kind = 'raw_body'), '-infinity')
                  AND i.received_at < (SELECT cut_off FROM given) AND i.raw_body IS NOT NULL
                ORDER BY i.received_at LIMIT (SELECT size FROM given) FOR UPDATE OF i),
            dropped AS (
                UPDATE inbox_event i SET raw_body = NULL FROM batch b
                WHERE i.webhook_id = b.webhook_id
                RETURNING b.received_at),
            marked AS (
                INSERT INTO retention_progress (kind, through)
                SELECT 'raw_body', CASE WHEN count(*) < (SELECT size FROM given) THEN (SELECT cut_off FROM given)
                                        ELSE max(received_at) END
                FROM dropped
                ON CONFLICT (kind) DO UPDATE SET through = greatest(retention_progress.through, excluded.through))
            SELECT count(*), 0, (SELECT count(*) FROM batch) FROM dropped"""),

    /**
     * Webhook rows, past the dedupe window, but for those with a live record not yet published: through a long
     * Kafka outage the row keeps the webhook's publication state, and goes once its records are out.
     */
    WEBHOOKS("webhook", """
            WITH taken AS MATERIALIZED (
                SELECT i.ctid FROM inbox_event i
                WHERE i.received_at < ?
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox_event o
                      WHERE o.webhook_id = i.webhook_id AND o.published_at IS NULL AND o.replay_id IS NULL)
                ORDER BY i.received_at LIMIT ? FOR UPDATE OF i SKIP LOCKED),
            deleted AS (
                DELETE FROM inbox_event WHERE ctid = ANY (ARRAY(SELECT ctid FROM taken))
                RETURNING 1)
            SELECT count(*), 0, (SELECT count(*) FROM taken) FROM deleted""");

    /** The kind's name in metrics. */
    final String label;

    final String sql;

    Retained(String label, String sql) {
        this.label = label;
        this.sql = sql;
    }
}
