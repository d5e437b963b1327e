# Shared by run.sh, pair.sh and profile.sh (sourced): checks, clean-up, logging, process control, wrk runs and the
# CPU they cost. The sourcing script sets HERE, REPO, JAR, JAVA, WORK, DB, THREADS, CONNECTIONS, DURATION and WARMUP
# (and QUERY_WARMUP to call measure), and defines url SERVER (the server's GraphQL URL) and server_pids SERVER (its
# processes). A query's request body for a server is $WORK/QUERY.SERVER.json.

# The PostgreSQL both servers and psql use (user postgres, trust authentication)
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

require() { # require TOOL...: stops the run when one is missing
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || die "$tool is missing"
	done
}
jdk_tool() { echo "$(dirname "$(readlink -f "$(command -v "$JAVA")")")/$1"; } # jdk_tool NAME: jstat, jcmd of $JAVA's JDK
known_query() { # known_query QUERY: stops the run unless QUERY is one of OUR_VARIABLES
	[[ -n ${OUR_VARIABLES[$1]:-} ]] || die "($1): not one of the queries with fixed variables: ${!OUR_VARIABLES[*]}"
}

# on_exit VAR...: when the script ends (or is interrupted), stop the processes whose pids the named variables then
# hold, in that order, drop $DB, and remove $WORK (KEEP_WORK=1 keeps it)
on_exit() {
	STOP_AT_EXIT=("$@")
	trap cleanup EXIT
	trap 'exit 130' INT TERM
}
cleanup() {
	set +e
	local var
	for var in "${STOP_AT_EXIT[@]}"; do stop_pid "${!var}"; done
	psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
	[[ ${KEEP_WORK:-0} == 1 ]] && log "work files kept in $WORK" || rm -rf "$WORK"
}

stop_pid() { # a process we started, and its direct children (PostGraphile's cluster workers)
	local pid=$1
	[[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
	local children
	children=$(pgrep -P "$pid" || true)
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
	kill -9 "$pid" 2>/dev/null || true
	for child in $children; do kill "$child" 2>/dev/null || true; done
}

port_free() { # port_free PORT: stops the run if something answers there (the load would go to it, unmeasured)
	! curl -s -o /dev/null "http://127.0.0.1:$1/" || die "port $1 is taken: another server would be measured"
}
now_ms() { date +%s%3N; }

# await NAME PID LOG CHECK...: until the command CHECK succeeds (AWAIT_S seconds at most, 60), while PID runs
await() {
	local name=$1 pid=$2 log_file=$3 seconds=${AWAIT_S:-60}; shift 3
	for _ in $(seq 1 $(( seconds * 10 ))); do
		"$@" && return 0
		kill -0 "$pid" 2>/dev/null || { tail -50 "$log_file" >&2; die "$name exited"; }
		sleep 0.1
	done
	die "$name did not answer within $seconds s"
}

# start SERVER JAR PORT OPTS (pair.sh, profile.sh): our server on $DB, its pid in $STARTED once its health is UP
# (the first start on a database loads the demo data); response cache and rate limit off, as in run.sh
start() {
	local server=$1 jar=$2 port=$3 opts=$4
	port_free "$port"
	env DB_HOST="$PGHOST" DB_PORT="$PGPORT" DB_NAME="$DB" DB_USER="$PGUSER" DB_PASSWORD= SERVER_PORT="$port" \
		DEMO_DATA=true "$JAVA" $JAVA_OPTS "${RUNTIME_OPTS[@]}" $opts -jar "$jar" --egov.rate-limit.enabled=false \
		--egov.cache.responses=0 > "$WORK/server-$server.log" 2>&1 &
	STARTED=$!
	AWAIT_S=300 await "server $server" "$STARTED" "$WORK/server-$server.log" up "$port"
}
up() { curl -sf "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"'; }

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

body() { # body QUERY SERVER VARIABLES_JSON > file
	jq -n --rawfile q "$HERE/queries/$1.$2.graphql" --argjson v "$3" '{query: $q, variables: $v}'
}

# load SECONDS QUERY SERVER: wrk output's RESULT line (CONN connections, default CONNECTIONS)
load() {
	BODY_FILE="$WORK/$2.$3.json" wrk -t"$THREADS" -c"${CONN:-$CONNECTIONS}" -d"${1}s" --timeout 10s -s "$HERE/post.lua" "$(url "$3")" \
		| grep '^RESULT' || die "wrk ($2 $3)"
}

# Where the CPU goes: the user + system ticks (/proc/<pid>/stat) of a server's processes (our JVM; PostGraphile's
# master and workers) and of the PostgreSQL backends connected to the benchmark's database, read before and after a
# measured run. A backend that exits during the run loses its ticks; the servers keep their connections open.
CLK_TCK=$(getconf CLK_TCK)
backend_pids() { pgrep -f "^postgres: .* $DB " || true; }
ticks() { # ticks PID...: "pid ticks" for each process still running
	local pid
	for pid in "$@"; do
		# after "pid (comm) ", utime and stime are the 12th and 13th fields
		awk -v p="$pid" '{ sub(/^.*\) /, ""); print p, $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || true
	done
}
snapshot() { # snapshot SERVER N: the ticks of SERVER's processes and of the database's backends, as snapshot N
	ticks $(server_pids "$1") > "$WORK/server.ticks$2"
	ticks $(backend_pids) > "$WORK/backends.ticks$2"
}
per_request() { # per_request server|backends REQUESTS: ms of CPU per request from snapshot 0 to 1 (new processes whole)
	awk -v hz="$CLK_TCK" -v n="$2" 'FILENAME == ARGV[1] { t[$1] = $2; next } { d += $2 - t[$1] }
		END { printf "%.2f", 1000 * d / hz / n }' "$WORK/$1.ticks0" "$WORK/$1.ticks1"
}

declare -A RESULT CPU
measure() { # measure QUERY SERVER [LABEL]
	local q=$1 server=$2 label=${3:-$2} line requests
	load "$QUERY_WARMUP" "$q" "$server" >/dev/null
	sleep 1 # let the requests that wrk cut off at the end of the warm-up finish
	snapshot "$server" 0
	line=$(load "$DURATION" "$q" "$server")
	snapshot "$server" 1
	sleep 1
	log "($q) $label: $line"
	[[ $line =~ non2xx=0\  && $line =~ socket_errors=0\  && ! $line =~ requests=0\  ]] \
		|| die "($q) $label: no answers, non-2xx responses or socket errors: $line"
	RESULT[$q.$label]=$line
	requests=$(field "$line" requests)
	CPU[$q.$label]="$(per_request server "$requests") + $(per_request backends "$requests")"
	log "($q) $label: CPU per request, server + PostgreSQL: ${CPU[$q.$label]} ms"
}
field() { sed -E "s/.* $2=([^ ]+).*/\1/" <<< "$1"; }

warm() { # warm SERVER QUERIES: WARMUP seconds of load, in rounds of WARM_SLICE seconds of each query in turn
	local server=$1; shift
	local slice=${WARM_SLICE:-15} left=$WARMUP
	(( slice * $# <= WARMUP )) || slice=$(( WARMUP / $# > 0 ? WARMUP / $# : 1 )) # a short warm-up still covers each query
	log "warming $server: $WARMUP s, ${slice} s of each query in turn: $*"
	while (( left > 0 )); do
		for q in "$@"; do
			(( left > 0 )) || break
			local run=$(( left < slice ? left : slice ))
			load "$run" "$q" "$server" >/dev/null
			left=$(( left - run ))
		done
	done
}

# The variables of our queries that do not depend on the database's ids: (a)-(c), (e)-(i), (z)
declare -A OUR_VARIABLES=(
	[a]='{"framework":"DTI","year":2024}'
	[b]='{"code":"P48","framework":"DTI","year":2024}'
	[c]='{"framework":"DTI","year":2022,"block":"PROVINCES"}'
	[e]='{"framework":"DTI","fromYear":2023,"toYear":2024,"block":"PROVINCES"}'
	[f]='{"indicator":"E_DOC_EXCHANGE"}'
	[g]='{}'
	[h]='{"first":100}'
	[i]='{"first":100}'
	[z]='{}'
)

java_runtime() { # JAVA_VERSION, and RUNTIME_OPTS: the options every start of our server gets on it
	JAVA_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
	RUNTIME_OPTS=()
	# On JDK 24+, Netty 4.2 stops using sun.misc.Unsafe unless it is allowed (netty/netty#14943), and its buffers
	# get slower: (d) cost our JVM 1.04-1.18 ms of CPU per request without it, 0.64 with it, 0.59-0.64 on JDK 17.
	if (( JAVA_VERSION >= 25 )); then
		RUNTIME_OPTS=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
	fi
}

fresh_jar() { # builds JAR when it is missing or older than the sources
	if [[ ! -f $JAR || -n $(cd "$REPO" && find src graphql-schema pom.xml -newer "$JAR" -print -quit) ]]; then
		log "building $JAR (missing or older than the sources)"
		(cd "$REPO" && ./mvnw -q -B package -DskipTests) || die "build"
	fi
}
