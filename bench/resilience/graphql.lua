-- wrk script for POST /graphql during a database outage: every response is timed and classified, one line per
-- response in a file per thread ($OUT_DIR/graphql-<thread>.log: send time in µs since the epoch, latency in µs,
-- class, query a/b/c), so that run.sh can split the run into before / during / after the outage.
--
-- Classes: ok (200, no errors), unavailable (200 with a SERVICE_UNAVAILABLE error), error (200 with another
-- error), http<status> (anything else). Run wrk with -t equal to -c: one connection per thread, so request()
-- and response() alternate and the time between them is the request's latency. Each thread stops itself at
-- its first response after STOP_AFTER seconds (no request left in flight to be cut off).

local ffi = require("ffi")
ffi.cdef [[
	typedef struct { long tv_sec; long tv_nsec; } egov_timespec;
	int clock_gettime(int clock, egov_timespec *tp);
]]
local ts = ffi.new("egov_timespec")
local function now_us()
	ffi.C.clock_gettime(0, ts) -- CLOCK_REALTIME, comparable with `date +%s%N` in run.sh
	return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
end

local stop_after = tonumber(os.getenv("STOP_AFTER") or "60")
local out_dir = assert(os.getenv("OUT_DIR"), "OUT_DIR not set")
local counter = 0

-- Three queries that each read the database (run the server with the response cache off): one agency with its
-- DTI 2024 scores, a page of agencies with their count, a provincial ranking.
local codes = { "P01", "P22", "P48", "P79", "BCA", "BCT", "BTC", "BYT" }
local documents = {
	function()
		return string.format('{"query":"query a($c: String!) { agency(code: $c) { code name assessments(framework: DTI, year: 2024) { block scores { score category { code } } } } }","variables":{"c":"%s"}}',
			codes[math.random(#codes)])
	end,
	function()
		return string.format('{"query":"query b($n: Int) { agencies(first: $n) { totalCount edges { node { code name kind } } } }","variables":{"n":%d}}',
			math.random(5, 30))
	end,
	function()
		return '{"query":"{ ranking(framework: DTI, year: 2022, block: PROVINCES, first: 20) { totalCount edges { node { rank score agency { code } } } } }"}'
	end,
}

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
end

function init(args)
	math.randomseed(id * 7919 + os.time())
	out = assert(io.open(string.format("%s/graphql-%d.log", out_dir, id), "w"))
	started = os.time()
	sent = 0
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	sent = now_us()
	query = math.random(#documents)
	return wrk.format(nil, nil, nil, documents[query]())
end

function response(status, headers, body)
	local latency = now_us() - sent
	local class
	if status ~= 200 then
		class = "http" .. status
	elseif not string.find(body, '"errors"', 1, true) then
		class = "ok"
	elseif string.find(body, "SERVICE_UNAVAILABLE", 1, true) then
		class = "unavailable"
	else
		class = "error"
	end
	out:write(string.format("%d %d %s %s\n", sent, latency, class, string.sub("abc", query, query)))
	if os.time() - started >= stop_after then
		out:flush()
		wrk.thread:stop()
	end
end

function done(summary, latency, requests)
	io.write(string.format("SOCKET_ERRORS connect=%d read=%d write=%d timeout=%d\n", summary.errors.connect,
		summary.errors.read, summary.errors.write, summary.errors.timeout))
end
