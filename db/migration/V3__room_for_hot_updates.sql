-- Visitors and sessions are updated far more often than inserted (each snapshot rewrites the row). With
-- free space left in each page, PostgreSQL can put the new version of a row beside the old one and skip
-- every index whose columns did not change (a heap-only-tuple update): less index and WAL work per
-- webhook, and less index bloat for vacuum. Applies to pages written from now on.
ALTER TABLE visitor SET (fillfactor = 80);
ALTER TABLE session SET (fillfactor = 80);
