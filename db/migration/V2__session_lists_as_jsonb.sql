-- A session's agent notes, quality feedback and live connections are replaced as a whole by each
-- snapshot and read only with their session: they move from tables of their own into jsonb arrays in
-- the session's row, written with it in one statement (snake_case names, datetimes as ISO 8601 UTC).
-- The agents stay in session_agent: they are rows of the agent table, shared between sessions.
-- A row written without a list has none: the default is the empty array.

ALTER TABLE session
    ADD COLUMN agent_notes      jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN quality_feedback jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN connections      jsonb NOT NULL DEFAULT '[]';

UPDATE session s SET agent_notes = l.list
FROM (SELECT session_id, jsonb_agg(jsonb_build_object('text', text, 'by_agent_id', by_agent_id) ORDER BY ordinal) AS list
      FROM session_agent_note GROUP BY session_id) l
WHERE l.session_id = s.id;

UPDATE session s SET quality_feedback = l.list
FROM (SELECT session_id,
             jsonb_agg(jsonb_build_object('rating', rating, 'feedback', feedback, 'by_agent_id', by_agent_id)
                       ORDER BY ordinal) AS list
      FROM session_quality_feedback GROUP BY session_id) l
WHERE l.session_id = s.id;

UPDATE session s SET connections = l.list
FROM (SELECT session_id,
             jsonb_agg(to_jsonb(c) - 'session_id' - 'ordinal'
                       || jsonb_build_object(
                              'active_since', to_char(active_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                              'last_focus_at', to_char(last_focus_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                       ORDER BY ordinal) AS list
      FROM session_connection c GROUP BY session_id) l
WHERE l.session_id = s.id;

DROP TABLE session_agent_note, session_quality_feedback, session_connection;
