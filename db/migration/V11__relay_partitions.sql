-- The relay's leadership split by partition of the visitor key (hashtext(visitor_key) & 15): each partition
-- has a lease of its own, like relay_lease had for the whole outbox, so that several replicas publish at once
-- while each visitor's records leave from one replica at a time. relay_member lists the running relays (each
-- renews its row with its leases), so that each leads its share of the partitions.
CREATE TABLE relay_partition_lease (
    partition  int         PRIMARY KEY CHECK (partition BETWEEN 0 AND 15),
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL,
    quiet_at   timestamptz NOT NULL
);

INSERT INTO relay_partition_lease (partition, holder, expires_at, quiet_at)
SELECT p, '', now(), now() FROM generate_series(0, 15) AS p;

CREATE TABLE relay_member (
    holder     text        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- relay_lease stays while replicas of the previous version may run: they lead only while no partitioned relay
-- runs, and a partitioned relay waits for what the last of them may still have in flight (its quiet_at).
