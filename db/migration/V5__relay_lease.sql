-- The outbox relay's leadership as a lease, by the database's clock (one row). The leader renews it; once
-- it has run out (the leader's connection died without a close, say), another replica ends the holder's
-- session, so that its advisory lock goes, and takes over. quiet_at is when whatever the holder may have
-- handed to its producer has landed or failed: a new leader publishes nothing before it.
CREATE TABLE relay_lease (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL,
    quiet_at   timestamptz NOT NULL
);
