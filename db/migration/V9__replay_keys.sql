-- The keys a replay still has to copy, planned when it starts: one row per visitor whose published records
-- fall in its window, in the order the replay locks them (the writers' per-visitor advisory locks, ascending
-- hash). Each step copies the next keys' records in one transaction and deletes their rows, so a replay
-- resumes where its last committed step ended, on any replica. records is the count planned, which sizes
-- the steps.
CREATE TABLE replay_key (
    replay_id   uuid   NOT NULL REFERENCES operator_job (id) ON DELETE CASCADE,
    lock_hash   bigint NOT NULL,
    visitor_key text   NOT NULL,
    records     bigint NOT NULL,
    PRIMARY KEY (replay_id, lock_hash, visitor_key)
);
