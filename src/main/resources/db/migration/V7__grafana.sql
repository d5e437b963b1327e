-- What Grafana reads: the schema `grafana`, whose views (R__grafana_views.sql) are made for the dashboards, and the
-- tables the server keeps for them. Grafana's database role is granted USAGE on that schema and SELECT on its views
-- and nothing else (grafana/postgres-init/10-grafana-reader.sh): the views run with their owner's rights, so the role
-- never reads a table itself, and no view exposes api_key, audit_entry, poll_vote.voter or traffic_visitor rows.

-- Progress of every target as ProgressService computes it, one row per target × covered agency, written by the one
-- instance that exports the database-derived metrics (observability.ProgressTable) after every measurement write and
-- every egov.metrics.refresh-interval. The per-agency detail in Grafana comes from here, not from Prometheus series.
CREATE TABLE progress_standing (
	target_id        bigint NOT NULL REFERENCES target (id) ON DELETE CASCADE,
	agency_code      text NOT NULL REFERENCES agency (code),
	status           text NOT NULL CHECK (status IN ('OFF_TRACK', 'AT_RISK', 'ON_TRACK', 'ACHIEVED', 'NO_DATA', 'MISSED')),
	latest_value     numeric,
	latest_period    date,
	gap              numeric,
	-- share of the way from the baseline to the target, 0–1
	share_of_way     numeric CHECK (share_of_way BETWEEN 0 AND 1),
	projected_value  numeric,
	-- computed from generated sample values (Progress.sample)
	sample           boolean NOT NULL DEFAULT false,
	-- the first period whose value met the target
	first_met_on     date,
	PRIMARY KEY (target_id, agency_code)
);

-- When progress_standing was last computed, and for which day. A writer replaces the rows only if its computation
-- started after the one in force (the UPDATE's row lock orders concurrent writers), so a slow writer never puts
-- older figures over newer ones.
CREATE TABLE progress_refresh (
	singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	as_of        date NOT NULL,
	computed_at  timestamptz NOT NULL
);
INSERT INTO progress_refresh (as_of, computed_at) VALUES ('1970-01-01', '-infinity');

-- The instance that exports the database-derived gauges (visits, votes, targets per status, scores) and writes
-- progress_standing: a lease that its holder renews and that another instance takes over once it has expired. One
-- exporter means a sum over instances can never count those values twice (observability.MetricsExporter).
CREATE TABLE metrics_exporter (
	singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	instance    text NOT NULL,
	expires_at  timestamptz NOT NULL
);

-- grafana/postgres-init may have created it already, with the reader's privileges.
CREATE SCHEMA IF NOT EXISTS grafana;
COMMENT ON SCHEMA grafana IS 'Views for the Grafana dashboards; the only schema Grafana''s database role may read.';

-- Upgrades: until this version grafana/postgres-init gave Grafana's role SELECT on every table of schema public,
-- and default privileges for the tables to come. Take both back from every role that holds only SELECT there (a
-- reader: the application's own role writes), so that such a role reads the views of schema grafana and nothing else.
DO $$
DECLARE
	reader text;
BEGIN
	FOR reader IN
		SELECT g.grantee FROM information_schema.role_table_grants g
		 WHERE g.table_schema = 'public' AND g.grantee NOT IN (current_user, 'PUBLIC')
		 GROUP BY g.grantee
		HAVING bool_and(g.privilege_type = 'SELECT')
	LOOP
		EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', reader);
		EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM %I', reader);
		RAISE NOTICE 'Role % may no longer read the tables of schema public; grant it schema grafana instead', reader;
	END LOOP;
END;
$$;
