-- pgbench custom script: one plain single-row INSERT per transaction, what a naive beacon would do per hit.
\set page random(1, 500)
\set visitor random(1, 20000)
INSERT INTO bench_hit (site_code, path, visitor, seen_at) VALUES ('BENCH', '/tin-tuc/bai-' || :page, :visitor, now());
