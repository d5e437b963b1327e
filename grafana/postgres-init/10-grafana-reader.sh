#!/bin/bash
# Grafana's login role: it may read the views of schema `grafana` (made for the dashboards by the API's migrations,
# src/main/resources/db/migration/R__grafana_views.sql) and nothing else, write nothing, and its statements stop
# after GRAFANA_DB_STATEMENT_TIMEOUT. The PostgreSQL container runs this once, when it initialises its data
# directory, before the API's first start; run it again by hand (same variables, plus PGHOST/PGPORT/PGPASSWORD for
# another server) for an existing database: every statement is idempotent. DashboardChecksTests runs it too.
#
# Grafana's open-source /api/ds/query lets any viewer send SQL through the data source: this role is the bound.
# The statement timeout is the role's default, which a session may lower or raise with SET; the connection limit
# caps how many such sessions there can be.
set -euo pipefail
: "${POSTGRES_USER:?}" "${POSTGRES_DB:?}" "${GRAFANA_DB_USER:?}" "${GRAFANA_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	-v reader="$GRAFANA_DB_USER" -v password="$GRAFANA_DB_PASSWORD" -v owner="$POSTGRES_USER" \
	-v timeout="${GRAFANA_DB_STATEMENT_TIMEOUT:-10s}" -v connections="${GRAFANA_DB_CONNECTION_LIMIT:-10}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'reader') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reader')
\gexec
ALTER ROLE :"reader" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS
	CONNECTION LIMIT :connections PASSWORD :'password';
ALTER ROLE :"reader" SET default_transaction_read_only = on;
ALTER ROLE :"reader" SET statement_timeout = :'timeout';
ALTER ROLE :"reader" SET idle_in_transaction_session_timeout = '60s';
-- The API's migrations create the views in this schema (it may not exist yet on a fresh database).
CREATE SCHEMA IF NOT EXISTS grafana AUTHORIZATION :"owner";
GRANT CONNECT ON DATABASE :"DBNAME" TO :"reader";
GRANT USAGE ON SCHEMA grafana TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA grafana TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA grafana GRANT SELECT ON TABLES TO :"reader";
SQL
