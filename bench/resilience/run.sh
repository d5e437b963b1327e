#!/usr/bin/env bash
# Resilience run: the server under GraphQL and beacon load on a PostgreSQL cluster of this script's own, reached
# through a proxy (blackhole.py) that drops every packet for OUTAGE seconds mid-traffic, as a network partition does:
# sockets neither fail nor answer. Then the traffic flows again. Reports how requests failed during the outage (class,
# latency), when /actuator/health went DOWN and UP, how the server recovered without a restart, and whether every
# page view answered 2xx is in the database afterwards. See README.md beside this file.
#
#   bench/resilience/run.sh                        # the recorded run: 15 s before, 20 s outage, 25 s after
#   WARMUP=5 BEFORE=5 OUTAGE=8 AFTER=10 bench/resilience/run.sh   # a quick run while changing something
#
# Needs: java 17+, wrk, curl, python3, PostgreSQL 15+ binaries (initdb, pg_ctl, psql); run as root (the cluster
# runs as the postgres user) or as the postgres user. The shared PostgreSQL on 5432 is not touched.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-$REPO/target/egov-dashboard-0.1.0-SNAPSHOT.jar}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_PORT=${PG_PORT:-5439}                 # this script's own cluster
PROXY_PORT=${PROXY_PORT:-5440}           # blackhole.py, between the server and that cluster
APP_PORT=${APP_PORT:-18095}
WARMUP=${WARMUP:-20}                     # seconds of load before the measured run (JIT, pool)
BEFORE=${BEFORE:-15}                     # measured seconds before PostgreSQL is stopped
OUTAGE=${OUTAGE:-20}                     # seconds PostgreSQL is down
AFTER=${AFTER:-25}                       # measured seconds after it is started again
GRAPHQL_CONNECTIONS=${GRAPHQL_CONNECTIONS:-8}
BEACON_CONNECTIONS=${BEACON_CONNECTIONS:-4}
BUFFER_CAPACITY=${BUFFER_CAPACITY:-5000}    # egov.traffic.buffer-capacity for this run (server default 200000): small, so the outage fills it
FAIL_FAST_MS=${FAIL_FAST_MS:-1000}          # an outage response slower than this at p99 fails the run
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
OUT=${OUT:-$REPO/target/bench-resilience}

WORK=$(mktemp -d /tmp/egov-resilience.XXXXXX)
chmod 711 "$WORK"
PGDIR=$WORK/pg
SERVER_PID=""
POLLER_PID=""
PROXY_PID=""
BEACON_PID=""
GRAPHQL_PID=""
PG_STARTED=0

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now_ns() { date +%s%N; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl_() { as_pg "$PG_BIN/pg_ctl" -D "$PGDIR/data" "$@"; }
sql() { psql -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d egov -Atq -c "$1"; }

stop_pid() { # a process this script started
	local pid=$1
	[[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
	kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
	set +e
	stop_pid "$POLLER_PID"
	stop_pid "$BEACON_PID"
	stop_pid "$GRAPHQL_PID"
	stop_pid "$SERVER_PID"
	stop_pid "$PROXY_PID"
	if [[ $PG_STARTED == 1 ]]; then
		pg_ctl_ -m immediate -w stop >/dev/null 2>&1
	fi
	[[ -f $PGDIR/log ]] && cp "$PGDIR/log" "$OUT/postgresql.log"
	if [[ ${KEEP_WORK:-0} == 1 ]]; then log "work files kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in java wrk curl python3 psql; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || die "no PostgreSQL binaries in $PG_BIN (set PG_BIN)"
[[ $(id -u) == 0 ]] && ! id postgres >/dev/null 2>&1 && die "run as root with a postgres user, or as the postgres user"
if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then die "something already answers on port $PG_PORT (set PG_PORT)"; fi
if curl -s -o /dev/null "http://127.0.0.1:$APP_PORT/" 2>/dev/null; then die "port $APP_PORT is taken (set APP_PORT)"; fi
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.txt

# --- 1. the jar ------------------------------------------------------------------------------------------------
if [[ ! -f $JAR || -n $(cd "$REPO" && find src graphql-schema pom.xml -newer "$JAR" -print -quit) ]]; then
	log "building $JAR (missing or older than the sources)"
	(cd "$REPO" && ./mvnw -q -B package -DskipTests) || die "build"
fi

# --- 2. a PostgreSQL cluster of our own --------------------------------------------------------------------------
log "initdb into $PGDIR/data (port $PG_PORT)"
mkdir -p "$PGDIR"
[[ $(id -u) == 0 ]] && chown postgres "$PGDIR"
as_pg "$PG_BIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null || die "initdb"
PG_OPTIONS="-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1"
pg_start() { pg_ctl_ -o "$PG_OPTIONS" -l "$PGDIR/log" -w -t 60 start >/dev/null; }
pg_start || die "PostgreSQL did not start"
PG_STARTED=1
PG_VERSION=$(psql -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'SHOW server_version')
python3 "$HERE/blackhole.py" "$PROXY_PORT" "$PG_PORT" &
PROXY_PID=$!

# --- 3. the server, first start: migrations and the demo data -----------------------------------------------------
log "starting the server on port $APP_PORT (first start loads the demo data)"
DB_HOST=127.0.0.1 DB_PORT=$PROXY_PORT DB_NAME=egov DB_USER=postgres DB_PASSWORD= SERVER_PORT=$APP_PORT DEMO_DATA=true \
	TRAFFIC_VISITOR_SALT=bench-salt POLL_VOTER_SALT=bench-salt \
	java $JAVA_OPTS -jar "$JAR" --egov.rate-limit.enabled=false --egov.cache.responses=0 \
	--egov.traffic.buffer-capacity="$BUFFER_CAPACITY" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 3000); do
	curl -sf "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null | grep -q '"UP"' && break
	kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$OUT/server.log" >&2; die "the server exited"; }
	sleep 0.1
done
curl -sf "http://127.0.0.1:$APP_PORT/actuator/health" | grep -q '"UP"' || die "the server is not UP after 300 s"

sql "INSERT INTO site (code, name, note) VALUES ('BENCHRES', 'Resilience run', 'bench/resilience'), ('BENCHWARM', 'Resilience warm-up', 'bench/resilience')"
for _ in $(seq 1 60); do # the beacon learns new site codes within seconds
	curl -s -H 'Content-Type: application/json' -d '{"site":"BENCHWARM","path":"/"}' "http://127.0.0.1:$APP_PORT/api/hits" \
		| grep -q '"accepted":1' && break
	sleep 1
done

# --- 4. warm-up ---------------------------------------------------------------------------------------------------
log "warm-up: ${WARMUP}s"
mkdir -p "$WORK/warm" "$WORK/gql"
SITE=BENCHWARM wrk -t2 -c"$BEACON_CONNECTIONS" -d"${WARMUP}s" -s "$REPO/bench/beacon/warmup.lua" \
	"http://127.0.0.1:$APP_PORT/api/hits" > "$WORK/warm-beacon.txt" &
BEACON_PID=$!
OUT_DIR=$WORK/warm STOP_AFTER=$WARMUP wrk -t"$GRAPHQL_CONNECTIONS" -c"$GRAPHQL_CONNECTIONS" -d"$((WARMUP + 5))s" \
	--timeout 10s -s "$HERE/graphql.lua" "http://127.0.0.1:$APP_PORT/graphql" > "$WORK/warm-graphql.txt"
wait "$BEACON_PID" || true
BEACON_PID=""

# --- 5. the measured run: load, drop PostgreSQL's packets, let them through ---------------------------------------------------
TOTAL=$((BEFORE + OUTAGE + AFTER))
LOAD_AVG=$(cut -d' ' -f1-3 /proc/loadavg)
log "measured run: ${BEFORE}s + ${OUTAGE}s outage + ${AFTER}s; GraphQL $GRAPHQL_CONNECTIONS connections, beacon $BEACON_CONNECTIONS"
( while :; do
	code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$APP_PORT/actuator/health" || true)
	echo "$(now_ns) $code"
	sleep 0.1
done ) > "$WORK/health.log" &
POLLER_PID=$!
SITE=BENCHRES STOP_AFTER=$TOTAL wrk -t"$BEACON_CONNECTIONS" -c"$BEACON_CONNECTIONS" -d"$((TOTAL + 15))s" --timeout 10s \
	--latency -s "$REPO/bench/beacon/hits.lua" "http://127.0.0.1:$APP_PORT/api/hits" > "$WORK/beacon.txt" &
BEACON_PID=$!
OUT_DIR=$WORK/gql STOP_AFTER=$TOTAL wrk -t"$GRAPHQL_CONNECTIONS" -c"$GRAPHQL_CONNECTIONS" -d"$((TOTAL + 15))s" \
	--timeout 10s -s "$HERE/graphql.lua" "http://127.0.0.1:$APP_PORT/graphql" > "$WORK/graphql.txt" &
GRAPHQL_PID=$!
T_LOAD=$(now_ns)

sleep "$BEFORE"
log "dropping PostgreSQL's packets (blackhole.py)"
T_STOP0=$(now_ns)
kill -USR1 "$PROXY_PID"
T_STOP1=$(now_ns)
sleep "$(python3 -c "print(max(0, $OUTAGE - ($T_STOP1 - $T_STOP0) / 1e9))")"
log "letting the packets through again"
T_START0=$(now_ns)
kill -USR2 "$PROXY_PID"
T_START1=$(now_ns)

wait "$BEACON_PID" || true; BEACON_PID=""
wait "$GRAPHQL_PID" || true; GRAPHQL_PID=""
T_END=$(now_ns)
log "load finished; waiting for the buffered page views to be written"
metric() { # the sum of a Prometheus metric's series
	curl -s "http://127.0.0.1:$APP_PORT/actuator/prometheus" \
		| awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $2} END {printf "%d", s}'
}
for _ in $(seq 1 600); do
	[[ $(metric egov_hits_pending) == 0 ]] && break
	sleep 0.1
done
sleep 2
stop_pid "$POLLER_PID"; POLLER_PID=""
PENDING=$(metric egov_hits_pending)
ACCEPTED=$(metric egov_hits_accepted_total)
DROPPED=$(metric egov_hits_dropped_total)
FLUSHED=$(metric egov_hits_flushed_total)
FLUSH_FAILURES=$(metric egov_hits_flush_failures_total)
curl -s "http://127.0.0.1:$APP_PORT/actuator/prometheus" | grep -E '^egov_hits_|^egov_graphql_errors_total|^r2dbc_pool_' > "$OUT/metrics.txt" || true

log "graceful stop of the server (SIGTERM)"
T_TERM=$(now_ns)
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=""
STOP_SECONDS=$(python3 -c "print(f'{($(now_ns) - $T_TERM) / 1e9:.1f}')")

BEACON_2XX=$(awk '/^COUNTED_2XX/ {print $2}' "$WORK/beacon.txt")
BEACON_OTHER=$(awk '/^COUNTED_OTHER/ {print $2}' "$WORK/beacon.txt")
BEACON_P99_US=$(awk '/^P99_US/ {print $2}' "$WORK/beacon.txt")
STORED=$(sql "SELECT coalesce(sum(views), 0) FROM traffic_bucket WHERE site_code = 'BENCHRES' AND granularity = 'MINUTE'")
STORED_DAY=$(sql "SELECT coalesce(sum(views), 0) FROM traffic_bucket WHERE site_code = 'BENCHRES' AND granularity = 'DAY'")
STORED_PAGES=$(sql "SELECT coalesce(sum(views), 0) FROM page WHERE site_code = 'BENCHRES'")
cp "$WORK/beacon.txt" "$WORK/graphql.txt" "$WORK/health.log" "$OUT/"
cat "$WORK"/gql/graphql-*.log | sort -n > "$OUT/graphql-responses.log"

# --- 6. the report --------------------------------------------------------------------------------------------
export T_LOAD T_STOP0 T_STOP1 T_START0 T_START1 T_END FAIL_FAST_MS OUT
echo "T_LOAD=$T_LOAD T_STOP0=$T_STOP0 T_STOP1=$T_STOP1 T_START0=$T_START0 T_START1=$T_START1 T_END=$T_END" > "$OUT/times.txt"
python3 "$HERE/report.py" > "$OUT/report-graphql.txt"

{
	echo "== resilience run — $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine:        $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average at start $LOAD_AVG; PostgreSQL $PG_VERSION (own cluster on port $PG_PORT)"
	echo "load:           wrk GraphQL -t$GRAPHQL_CONNECTIONS -c$GRAPHQL_CONNECTIONS (graphql.lua, response cache off) + beacon -t$BEACON_CONNECTIONS -c$BEACON_CONNECTIONS (bench/beacon/hits.lua); ${BEFORE}s, PostgreSQL's packets dropped ${OUTAGE}s, ${AFTER}s; buffer capacity $BUFFER_CAPACITY"
	cat "$OUT/report-graphql.txt"
	echo "GraphQL socket errors: $(grep -h '^SOCKET_ERRORS' "$WORK/graphql.txt" | cut -d' ' -f2-)"
	echo "beacon:         $BEACON_2XX answered 2xx, $BEACON_OTHER other (503: buffer full); p99 $(python3 -c "print(f'{${BEACON_P99_US:-0} / 1000:.1f}')") ms over the whole run"
	echo "server metrics: accepted $ACCEPTED, dropped $DROPPED, flushed $FLUSHED, flush failures $FLUSH_FAILURES, pending $PENDING at the end"
	echo "graceful stop:  ${STOP_SECONDS}s"
	echo "stored:         $STORED views in minute buckets, $STORED_DAY in day buckets, $STORED_PAGES in pages"
	if [[ $STORED == "$BEACON_2XX" && $STORED_DAY == "$BEACON_2XX" && $STORED_PAGES == "$BEACON_2XX" ]]; then
		echo "CHECK PASS no lost or doubled page views (stored = 2xx = $BEACON_2XX)"
	else
		echo "CHECK FAIL page views: 2xx $BEACON_2XX, stored $STORED / $STORED_DAY / $STORED_PAGES"
	fi
	if [[ $DROPPED == "$BEACON_OTHER" ]]; then
		echo "CHECK PASS refused page views counted (egov_hits_dropped_total = non-2xx = $DROPPED)"
	else
		echo "CHECK FAIL egov_hits_dropped_total $DROPPED, non-2xx beacon answers $BEACON_OTHER"
	fi
} | tee "$OUT/report.txt"
! grep -q '^CHECK FAIL' "$OUT/report.txt"
