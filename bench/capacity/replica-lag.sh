#!/usr/bin/env bash
# Replica lag under write load (docs/capacity.md, section 6): makes a primary and a hot standby of its own in a
# temporary folder (initdb, pg_basebackup -R, pg_ctl; the machine's shared cluster is not touched), runs the beacon
# benchmark (bench/beacon/run.sh) against a server whose database is on that primary and which lists the standby in
# egov.replicas, and samples the lag twice a second while it runs: PostgreSQL's own view (pg_stat_replication on the
# primary: replay_lag, and the bytes of WAL not yet replayed) and the server's (egov_replica_lag_seconds and _bytes).
#
#   bench/capacity/replica-lag.sh                      (beacon defaults: 10 s warm-up, 30 s measured, 16 connections)
#   DURATION=60 CONNECTIONS=32 bench/capacity/replica-lag.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)}
PRIMARY_PORT=${PRIMARY_PORT:-55432}
STANDBY_PORT=${STANDBY_PORT:-55433}
SERVER_PORT=${PORT:-18080}
OUT=${OUT:-target/bench-replica-lag}
DB=egov_lag_$(date +%s)
mkdir -p "$OUT"
: > "$OUT/lag.txt"

DIR=$(mktemp -d /tmp/egov-replica-lag.XXXXXX)
as_postgres() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi

SAMPLER=
cleanup() {
	if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2> /dev/null || true; fi
	as_postgres "$PG_BIN/pg_ctl" stop -m fast -w -D "$DIR/standby" > /dev/null 2>&1 || true
	as_postgres "$PG_BIN/pg_ctl" stop -m fast -w -D "$DIR/primary" > /dev/null 2>&1 || true
	rm -rf "$DIR"
}
trap cleanup EXIT

start() {
	as_postgres "$PG_BIN/pg_ctl" start -w -D "$DIR/$1" -l "$DIR/$1.log" \
		-o "-p $2 -k $DIR -c listen_addresses=127.0.0.1" > /dev/null
}
echo "== $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== primary on $PRIMARY_PORT, hot standby on $STANDBY_PORT ($PG_BIN, default settings, synchronous_commit on)"
as_postgres "$PG_BIN/initdb" --no-sync -U postgres -A trust -D "$DIR/primary" > "$DIR/initdb.log"
start primary "$PRIMARY_PORT"
as_postgres "$PG_BIN/pg_basebackup" -R -c fast -D "$DIR/standby" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres
start standby "$STANDBY_PORT"

# time (epoch s) | replay_lag (s) | WAL bytes not replayed | the server's egov_replica_lag_seconds | its _bytes
(
	while sleep 0.5; do
		ROW=$(psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -AtX -d postgres -c "SELECT
			extract(epoch FROM clock_timestamp())::numeric(14, 1), coalesce(extract(epoch FROM replay_lag), 0),
			pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication" 2> /dev/null || true)
		METRICS=$(curl -fs "http://127.0.0.1:$SERVER_PORT/actuator/prometheus" 2> /dev/null || true)
		SECONDS_LAG=$(awk '/^egov_replica_lag_seconds/ {print $2}' <<< "$METRICS")
		BYTES_LAG=$(awk '/^egov_replica_lag_bytes/ {print $2}' <<< "$METRICS")
		if [ -n "$ROW" ]; then echo "$ROW|${SECONDS_LAG:-}|${BYTES_LAG:-}" >> "$OUT/lag.txt"; fi
	done
) &
SAMPLER=$!

DB_PORT=$PRIMARY_PORT BENCH_DB=$DB PORT=$SERVER_PORT \
	EGOV_REPLICAS_CONNECTIONS_0_NAME=standby \
	EGOV_REPLICAS_CONNECTIONS_0_URL="r2dbc:postgresql://127.0.0.1:$STANDBY_PORT/$DB" \
	bash bench/beacon/run.sh | tee "$OUT/beacon.txt"
kill "$SAMPLER" 2> /dev/null || true
SAMPLER=

echo
echo "== replica lag while the beacon ran (samples every 0.5 s: $(wc -l < "$OUT/lag.txt"))"
awk -F'|' '
	{ lag[NR] = $2; bytes[NR] = $3; if ($4 != "") { s[++n] = $4 }; if ($5 != "") { b[++m] = $5 } }
	function max(a, k,   i, x) { x = 0; for (i = 1; i <= k; i++) if (a[i] + 0 > x) x = a[i] + 0; return x }
	function pct(a, k, p,   i, j, t, c) {
		for (i = 1; i <= k; i++) c[i] = a[i] + 0
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (c[j] < c[i]) { t = c[i]; c[i] = c[j]; c[j] = t }
		return c[int(k * p + 0.5) > 0 ? int(k * p + 0.5) : 1]
	}
	END {
		printf "PostgreSQL replay_lag:        p50 %.3f s, p99 %.3f s, max %.3f s\n", pct(lag, NR, 0.5), pct(lag, NR, 0.99), max(lag, NR)
		printf "WAL not yet replayed:         p50 %d B, p99 %d B, max %d B\n", pct(bytes, NR, 0.5), pct(bytes, NR, 0.99), max(bytes, NR)
		if (n > 0) printf "server egov_replica_lag_seconds: max %.3f s over %d samples\n", max(s, n), n
		if (m > 0) printf "server egov_replica_lag_bytes:   max %d B over %d samples\n", max(b, m), m
	}' "$OUT/lag.txt" | tee "$OUT/lag-summary.txt"
