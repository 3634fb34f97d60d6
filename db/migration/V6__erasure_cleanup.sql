-- Erasures whose older copies (raw bodies in the inbox, published outbox payloads) are still being
-- cleaned up in bounded steps after the erasure's own transaction. erased_through bounds what is erased:
-- events of the visitor with a later envelope timestamp are new data. outbox_after is the id up to which
-- the visitor's outbox rows are already scrubbed.
CREATE TABLE erasure_cleanup (
    visitor_key    text        PRIMARY KEY,
    erased_through timestamptz NOT NULL,
    erased_at      timestamptz NOT NULL,
    outbox_after   bigint      NOT NULL DEFAULT 0
);
