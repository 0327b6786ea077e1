-- Custom SQL migration file, put your code below! --
-- A refresh writes each token row three times (the claim's lease, the commit, and the lease of the
-- next claim). The lease columns are in no index, so with free room on the page PostgreSQL updates
-- such a row in place (a HOT update) instead of adding an entry to every index of the table; that
-- keeps a claim's cost flat as the table grows. Pages written from now on keep a fifth free; existing
-- pages get the room as they are rewritten (VACUUM FULL, or in time as rows move).
ALTER TABLE "credential_tokens" SET (fillfactor = 80);
