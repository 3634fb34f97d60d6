-- A row Kafka refuses for good (a record larger than its topic now allows, say) is parked: it and the later
-- rows of its visitor wait, the other visitors' rows flow on, and the relay tries it again now and then.
-- park_reason is the class of Kafka's error (no personal data).
ALTER TABLE outbox_event
    ADD COLUMN parked_at   timestamptz,
    ADD COLUMN park_reason text;

-- the relay looks up, for each row it fetches, whether its visitor has an earlier parked row
CREATE INDEX outbox_event_parked ON outbox_event (visitor_key, id)
    WHERE parked_at IS NOT NULL AND published_at IS NULL;
