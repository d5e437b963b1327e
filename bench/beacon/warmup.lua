-- Warm-up traffic for POST /api/hits (another site than the measured run's).
local site = os.getenv("SITE") or "BENCHWARM"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"site":"' .. site .. '","path":"/","visitorId":"warm"}'
