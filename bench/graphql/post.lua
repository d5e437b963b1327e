-- wrk script: POSTs the JSON body in the file named by $BODY_FILE to the URL given on wrk's command line,
-- counts the responses that were not 2xx, and prints one machine-readable RESULT line at the end.
local file = assert(io.open(assert(os.getenv("BODY_FILE"), "BODY_FILE not set"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	bad = 0
	good = 0
end

function response(status, headers, body)
	if status >= 200 and status < 300 then
		good = good + 1
	else
		bad = bad + 1
	end
end

function done(summary, latency, requests)
	local bad_total, good_total = 0, 0
	for _, thread in ipairs(threads) do
		bad_total = bad_total + thread:get("bad")
		good_total = good_total + thread:get("good")
	end
	local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
	io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d ok=%d socket_errors=%d bytes=%d\n",
		summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
		bad_total, good_total, errors, summary.bytes))
end
