-- Retention drops a raw body by updating its inbox row. With room left in the page and no index naming raw_body,
-- PostgreSQL writes the new, smaller version of the row beside the old one and adds no index entry (a
-- heap-only-tuple update): about half the cost of dropping a body through a row that moves and is indexed anew.
-- Rows of about 1 kB leave room for eight such versions per page at this fill factor (applies to new pages).
ALTER TABLE inbox_event SET (fillfactor = 85);

-- Without the partial index on bodies still held, the raw-body pass walks the received_at index from where its
-- last pass ended: raw bodies older than "through" are gone already (rows are written with their arrival time,
-- so none arrives behind it).
CREATE TABLE retention_progress (
    kind    text        PRIMARY KEY,
    through timestamptz NOT NULL
);
INSERT INTO retention_progress (kind, through)
SELECT 'raw_body', min(received_at) FROM inbox_event WHERE raw_body IS NOT NULL HAVING count(*) > 0;

DROP INDEX inbox_event_raw_body_received_at;
