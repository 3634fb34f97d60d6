-- Version 2 of the contract: the operator API and retention.

-- A webhook's publication state outlives its outbox rows (retention deletes published ones): when they go,
-- the time they were published is kept here. While they exist, the state is read from them.
ALTER TABLE inbox_event ADD COLUMN records_published_at timestamptz;

-- the operator API looks up a webhook's records, and retention and replays reach them from the inbox
CREATE INDEX outbox_event_webhook_id ON outbox_event (webhook_id);
-- raw bodies still held, oldest first: what the raw-body retention drops
CREATE INDEX inbox_event_raw_body_received_at ON inbox_event (received_at) WHERE raw_body IS NOT NULL;
-- the list of webhooks, newest first, by status or type
CREATE INDEX inbox_event_status_received_at ON inbox_event (status, received_at);

-- Replays and reprocessings: background jobs an operator starts and follows.
CREATE TABLE operator_job (
    id                uuid        PRIMARY KEY,
    kind              text        NOT NULL CHECK (kind IN ('replay', 'reprocessing')),
    status            text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    -- what was asked for, as given (time window, visitor, types)
    request           jsonb       NOT NULL,
    records_total     bigint      NOT NULL DEFAULT 0,
    records_done      bigint      NOT NULL DEFAULT 0,
    -- how far the job got, so another replica can resume it (its own meaning per kind)
    progress          jsonb,
    failure           text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz
);
CREATE INDEX operator_job_running ON operator_job (created_at) WHERE status = 'running';

-- A replayed record is a copy of a published row, sent again through the relay in the same per-visitor
-- order as live rows; replay_id says which replay wrote it (null for live rows).
ALTER TABLE outbox_event ADD COLUMN replay_id uuid;
-- a replay's progress counts its copies still waiting: only those, not every copy it wrote
CREATE INDEX outbox_event_replay_unpublished ON outbox_event (replay_id)
    WHERE replay_id IS NOT NULL AND published_at IS NULL;

-- Rejections of every kind (400, 401, 409, 413, 415), written in batches from memory: the status and the
-- problem's detail; the webhook-id only when one was given; the body (400 only) only while its visitor is
-- not erased.
ALTER TABLE rejected_request
    ADD COLUMN status smallint NOT NULL DEFAULT 400,
    ADD COLUMN reason text,
    ALTER COLUMN webhook_id DROP NOT NULL,
    ALTER COLUMN body_sha256 DROP NOT NULL,
    ALTER COLUMN errors DROP NOT NULL;
