#!/usr/bin/env bash
# What one change costs or saves: two starts of our server, A and B, on one scratch database with the demo data,
# measured in turn on the same queries, round after round (A then B, then B then A, ...), and the medians compared.
# This machine drifts more than most effects (BENCHMARKS.md, "How much one run says"); the rounds let both meet it.
# See README.md beside this file.
#
#   A_OPTS=-XX:+UseG1GC B_OPTS=-XX:+UseParallelGC bench/graphql/pair.sh b i   # one JVM option against another
#   A_JAR=/tmp/before.jar bench/graphql/pair.sh                                # a jar against this checkout's
#
# Needs: java 17+ ($JAVA), wrk, jq, curl, psql (PostgreSQL at $PGHOST:$PGPORT, user postgres, trust auth).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${JAR:-$REPO/target/egov-dashboard-0.1.0-SNAPSHOT.jar}
A_JAR=${A_JAR:-$JAR}
B_JAR=${B_JAR:-$JAR}
A_OPTS=${A_OPTS:-}                # JVM options of A only
B_OPTS=${B_OPTS:-}                # JVM options of B only
A_PORT=${A_PORT:-18081}
B_PORT=${B_PORT:-18082}
DB=${DB:-egov_pair_$$}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-8}
DURATION=${DURATION:-8}           # seconds measured per query, server and round
WARMUP=${WARMUP:-120}             # seconds of load on each server before the first round (README.md: why)
QUERY_WARMUP=${QUERY_WARMUP:-2}   # seconds of the same query just before it is measured
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}   # both servers, as run.sh
QUERIES=${*:-b c i}

WORK=$(mktemp -d /tmp/egov-pair.XXXXXX)
A_PID=""
B_PID=""

# shellcheck source=lib.sh
source "$HERE/lib.sh"

on_exit A_PID B_PID

require "$JAVA" wrk jq curl psql
for q in $QUERIES; do known_query "$q"; done
java_runtime
[[ $A_JAR != "$JAR" && $B_JAR != "$JAR" ]] || fresh_jar

url() { case $1 in a) echo "http://127.0.0.1:$A_PORT/graphql" ;; b) echo "http://127.0.0.1:$B_PORT/graphql" ;; esac; }
server_pids() { case $1 in a) echo "$A_PID" ;; b) echo "$B_PID" ;; esac; }

log "A: $A_JAR $A_OPTS (port $A_PORT); B: $B_JAR $B_OPTS (port $B_PORT); database $DB"
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null || die "create database $DB"
start a "$A_JAR" "$A_PORT" "$A_OPTS"; A_PID=$STARTED
start b "$B_JAR" "$B_PORT" "$B_OPTS"; B_PID=$STARTED

# Both answer every query alike (the same bytes), or there is nothing to compare.
for q in $QUERIES; do
	body "$q" ours "${OUR_VARIABLES[$q]}" > "$WORK/$q.a.json"
	cp "$WORK/$q.a.json" "$WORK/$q.b.json"
	for server in a b; do
		curl -sf "$(url $server)" -H 'Content-Type: application/json' --data-binary "@$WORK/$q.$server.json" \
			> "$WORK/$q.$server.answer" || die "($q) $server: no answer"
	done
	grep -q '"errors"' "$WORK/$q.a.answer" && die "($q): errors: $(head -c 300 "$WORK/$q.a.answer")"
	cmp -s "$WORK/$q.a.answer" "$WORK/$q.b.answer" || die "($q): A and B answer differently"
	log "($q): A and B answer the same $(wc -c < "$WORK/$q.a.answer") bytes"
done

warm a $QUERIES
warm b $QUERIES

for round in $(seq 1 "$ROUNDS"); do
	order="a b"; (( round % 2 )) || order="b a"
	for q in $QUERIES; do
		for server in $order; do measure "$q" "$server" "$server.$round"; done
	done
done

# server CPU, PostgreSQL CPU (ms per request) and req/s of each run: "SERVER_MS PG_MS RPS" per line
runs() {
	local q=$1 server=$2 round
	for round in $(seq 1 "$ROUNDS"); do
		echo "${CPU[$q.$server.$round]/ + / } $(field "${RESULT[$q.$server.$round]}" rps)"
	done
}
column_median() { median $(awk -v c="$1" '{ print $c }'); }
change() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", 100 * (b - a) / a }'; }

echo
echo "wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of ${DURATION}s per query and server (+${QUERY_WARMUP}s each)" \
	"after ${WARMUP}s of warm-up per server; java $JAVA_VERSION $JAVA_OPTS ${RUNTIME_OPTS[*]}"
echo "A: $A_JAR $A_OPTS"
echo "B: $B_JAR $B_OPTS"
echo
echo "| query | server CPU ms/req A | B | change | PostgreSQL CPU ms/req A | B | req/s A | B | change |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for q in $QUERIES; do
	read -r sa pa ra < <(for c in 1 2 3; do runs "$q" a | column_median $c; done | xargs)
	read -r sb pb rb < <(for c in 1 2 3; do runs "$q" b | column_median $c; done | xargs)
	echo "| ($q) | $sa | $sb | $(change "$sa" "$sb") | $pa | $pb | $ra | $rb | $(change "$ra" "$rb") |"
done
echo
echo "Medians of the $ROUNDS rounds. CPU: /proc/<pid>/stat ticks of the server and of the database's backends"
echo "÷ requests."
server_cpu() { runs "$1" "$2" | awk '{ print $1 }' | xargs; }
# B's server CPU against A's of the same round (the same minutes, so the machine's drift mostly cancels), and in how
# many rounds B spent less
by_round() {
	paste <(runs "$1" a) <(runs "$1" b) | awk '{
		printf "%s%s", (NR > 1 ? ", " : ""), ($1 > 0 ? sprintf("%+.0f %%", 100 * ($4 - $1) / $1) : "n/a")
		if ($4 < $1) less++
	} END { printf "; B spent less in %d of %d rounds", less, NR }'
}
for q in $QUERIES; do
	echo "($q) server CPU ms/req by round, A: $(server_cpu "$q" a); B: $(server_cpu "$q" b)"
	echo "($q) B against A, round by round: $(by_round "$q")"
done
