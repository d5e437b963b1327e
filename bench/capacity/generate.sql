-- Capacity generator: :portals portals (sites CAP001…, labelled sample) with every minute of :months months of traffic,
-- and their hour, day, week and month roll-ups, dated from the first monthly partition on (traffic_partitions_start(),
-- V14) so that the rows land in monthly partitions as live traffic does (history from before V14 lies in the legacy
-- partition). Views per minute: 1–32, deterministic (hashint8), so two runs store the same rows. Run by run.sh with
-- psql -v portals=N -v months=M; \timing prints each step's time.

\timing on
SELECT count(*) AS partitions_created
  FROM traffic_create_partitions(traffic_month(traffic_partitions_start(), :months));

INSERT INTO site (code, name, name_en, note)
SELECT format('CAP%s', lpad(p::text, 3, '0')), format('Cổng thử tải %s (dữ liệu mẫu)', p),
       format('Capacity test portal %s (sample data)', p), 'bench/capacity: generated sample data, not real traffic'
  FROM generate_series(1, :portals) p
ON CONFLICT (code) DO NOTHING;

-- step: minutes, one portal at a time (a statement per portal keeps each transaction's memory small)
SELECT format($$INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
    SELECT %L, 'MINUTE', t, v, v / 10, greatest(1, v * 8 / 10), true
      FROM generate_series(traffic_partitions_start(),
                           traffic_month(traffic_partitions_start(), %s) - interval '1 minute', interval '1 minute') t,
           LATERAL (SELECT 1 + (hashint8(extract(epoch FROM t)::bigint # %s) & 31) AS v) x$$,
       format('CAP%s', lpad(p::text, 3, '0')), :months, p)
  FROM generate_series(1, :portals) p
\gexec

-- step: roll-ups, each level from the one below (as the demo's traffic.sql)
INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
SELECT site_code, 'HOUR', date_trunc('hour', bucket_start), sum(views), sum(member_views),
       greatest(1, round(sum(views) * 0.55)), true
  FROM traffic_bucket WHERE granularity = 'MINUTE' AND site_code LIKE 'CAP%' AND bucket_start >= traffic_partitions_start()
 GROUP BY site_code, date_trunc('hour', bucket_start);
INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
SELECT site_code, g.name, start, sum(views), sum(member_views), greatest(1, round(sum(views) * g.share)), true
  FROM (VALUES ('DAY', 'day', 0.35), ('WEEK', 'week', 0.25), ('MONTH', 'month', 0.2)) AS g (name, unit, share)
 CROSS JOIN LATERAL (
       SELECT site_code, views, member_views,
              timezone('Asia/Ho_Chi_Minh', date_trunc(g.unit, timezone('Asia/Ho_Chi_Minh', bucket_start))) AS start
         FROM traffic_bucket WHERE granularity = 'HOUR' AND site_code LIKE 'CAP%'
          AND bucket_start >= traffic_partitions_start()) h
 -- a week starting before the first partition month would fall into the legacy partition: left out
 WHERE start >= traffic_partitions_start()
 GROUP BY site_code, g.name, g.share, start;
ANALYZE traffic_bucket;
\timing off

SELECT granularity, count(*) AS rows FROM traffic_bucket WHERE site_code LIKE 'CAP%' GROUP BY 1 ORDER BY 1;
SELECT CASE WHEN c.relname LIKE '%\_minute' THEN 'minute partitions' WHEN c.relname LIKE '%\_rollup' THEN 'roll-up partitions'
            ELSE c.relname END AS kind,
       count(*) AS tables, pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size_with_indexes,
       sum(pg_total_relation_size(c.oid)) AS bytes
  FROM pg_class c
 WHERE c.relkind = 'r' AND c.relname LIKE 'traffic_bucket%'
 GROUP BY 1 ORDER BY 1;
