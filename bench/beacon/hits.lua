-- wrk script for POST /api/hits: one hit per request, the path and the visitor varying per request.
--
-- Exact response counting: every thread has one connection (run wrk with -t equal to -c), counts the
-- statuses it receives, and stops itself at the first response after STOP_AFTER seconds. A thread that
-- stops this way has no request in flight, so every request the server answered was seen here: the stored
-- count must then equal the 2xx count exactly. (wrk's own end of run would abandon in-flight requests that
-- the server may still count.)

local stop_after = tonumber(os.getenv("STOP_AFTER") or "30")
local site = os.getenv("SITE") or "BENCH"
local threads = {}
local counter = 0

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

function init(args)
	ok, other, started = 0, 0, os.time()
	math.randomseed(id * 7919 + os.time())
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	local body = string.format(
		'{"site":"%s","path":"/tin-tuc/bai-%d","title":"Bài %d","visitorId":"bench-%d-%d","member":%s}',
		site, math.random(1, 500), math.random(1, 500), id, math.random(1, 20000),
		math.random(1, 50) == 1 and "true" or "false")
	return wrk.format(nil, "/api/hits", nil, body)
end

function response(status, headers, body)
	if status >= 200 and status < 300 then
		ok = ok + 1
	else
		other = other + 1
	end
	if os.time() - started >= stop_after then
		wrk.thread:stop()
	end
end

function done(summary, latency, requests)
	local total_ok, total_other = 0, 0
	for _, thread in ipairs(threads) do
		total_ok = total_ok + thread:get("ok")
		total_other = total_other + thread:get("other")
	end
	io.write(string.format("COUNTED_2XX %d\nCOUNTED_OTHER %d\n", total_ok, total_other))
	io.write(string.format("P50_US %d\nP99_US %d\nP999_US %d\n", latency:percentile(50), latency:percentile(99),
		latency:percentile(99.9)))
end
