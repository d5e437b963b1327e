import os
t = {k: int(os.environ[k]) / 1000 for k in ("T_LOAD", "T_STOP0", "T_STOP1", "T_START0", "T_START1")}  # µs
rows = []  # (sent µs, latency µs, class, query)
with open(os.environ["OUT"] + "/graphql-responses.log") as f:
    for line in f:
        sent, latency, cls, query = line.split()
        rows.append((int(sent), int(latency), cls, query))
end = max(s + l for s, l, _, _ in rows)

def ms(us):
    return f"{us / 1000:.0f} ms"

def pct(values, p):  # nearest rank, in ms
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, -(-p * len(values) // 100) - 1))] / 1000

def describe(name, part, seconds=None):
    classes = {}
    for r in part:
        classes[r[2]] = classes.get(r[2], 0) + 1
    lat = [r[1] for r in part]
    rate = f" in {seconds:.1f} s ({len(part) / seconds:.0f}/s)" if seconds else ""
    print(f"{name}: {len(part)} responses{rate}: " + ", ".join(f"{c} {n}" for c, n in sorted(classes.items()))
          + (f"; latency p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms, max {max(lat) / 1000:.1f} ms" if lat else ""))
    return lat

print(f"PostgreSQL's packets were dropped (sockets open, no answer) for {(t['T_START1'] - t['T_STOP1']) / 1e6:.1f} s")
before = [r for r in rows if r[0] + r[1] < t["T_STOP0"]]
in_flight = [r for r in rows if r[0] < t["T_STOP0"] <= r[0] + r[1]]
outage = [r for r in rows if t["T_STOP0"] <= r[0] < t["T_START1"]]
after = [r for r in rows if r[0] >= t["T_START1"]]
describe("before the stop", before, (t["T_STOP0"] - t["T_LOAD"]) / 1e6)
describe("in flight when the stop began", in_flight)
lat = describe("sent while the packets were dropped", outage, (t["T_START1"] - t["T_STOP0"]) / 1e6)
unavailable = [r[1] for r in outage if r[2] == "unavailable"]
if unavailable:
    print(f"  of which SERVICE_UNAVAILABLE: {len(unavailable)}; latency p50 {pct(unavailable, 50):.1f} ms, "
          f"p99 {pct(unavailable, 99):.1f} ms, max {max(unavailable) / 1000:.1f} ms")
windows = (("stopping", t["T_STOP0"], t["T_STOP1"]), ("down", t["T_STOP1"], t["T_START0"]), ("starting", t["T_START0"], t["T_START1"]))
print("  answered ok, by when they were sent: " + ", ".join(
    f"{name} {sum(1 for r in outage if r[2] == 'ok' and start <= r[0] < stop)}" for name, start, stop in windows))
down_ok = [r for r in outage if r[2] == "ok" and t["T_STOP1"] <= r[0] < t["T_START0"]]
print(f"  answered ok although sent while PostgreSQL was down: {len(down_ok)}"
      + "".join(f"\n    query {q} sent {ms(s - t['T_STOP1'])} after the drop, latency {ms(l)}" for s, l, _, q in down_ok[:10]))
first_failure = min((r[0] + r[1] for r in in_flight + outage if r[2] != "ok"), default=None)
if first_failure is not None:
    print(f"first failed response: {ms(first_failure - t['T_STOP0'])} after the drop began")
describe("after the restart", after, (end - t["T_START1"]) / 1e6)
first_ok = min((r[0] + r[1] for r in after if r[2] == "ok"), default=None)
failed_after = [r for r in after if r[2] != "ok"]
print(f"recovery: first ok response {ms(first_ok - t['T_START1'])} after the packets flowed again"
      if first_ok else "recovery: NO ok response after the restart")
print(f"failed after the restart: {len(failed_after)}"
      + (f", the last one sent {ms(max(r[0] for r in failed_after) - t['T_START1'])} after it" if failed_after else ""))

health = []
with open(os.environ["OUT"] + "/health.log") as f:
    for line in f:
        parts = line.split()
        if len(parts) == 2:
            health.append((int(parts[0]) / 1000, parts[1]))
down = next((ts for ts, code in health if ts >= t["T_STOP0"] and code == "503"), None)
up = next((ts for ts, code in health if ts >= t["T_START1"] and code == "200"), None)
print(f"health DOWN (503): {ms(down - t['T_STOP0'])} after the drop began" if down else "health: never DOWN")
print(f"health UP (200): {ms(up - t['T_START1'])} after the packets flowed again" if up else "health: never UP again")
codes = {}
for ts, code in health:
    if t["T_STOP1"] <= ts < t["T_START0"]:
        codes[code] = codes.get(code, 0) + 1
print("health answers while PostgreSQL was down: " + ", ".join(f"HTTP {c}: {n}" for c, n in sorted(codes.items())))

limit = float(os.environ["FAIL_FAST_MS"])
checks = [
    (f"fast failure (p99 of the responses sent during the outage < {limit:.0f} ms)", bool(lat) and pct(lat, 99) < limit),
    ("typed errors (every failed response is SERVICE_UNAVAILABLE)",
     bool(unavailable) and all(r[2] in ("ok", "unavailable") for r in rows)),
    ("health DOWN during the outage and UP after it", down is not None and up is not None),
    (f"health DOWN within {limit:.0f} ms of the drop", down is not None and down - t["T_STOP0"] < limit * 1000),
    (f"requests in flight at the drop answered within {limit:.0f} ms of it",
     all(r[0] + r[1] - t["T_STOP0"] < limit * 1000 for r in in_flight)),
    ("recovery without a restart (ok responses after it)", first_ok is not None),
]
for name, ok in checks:
    print(f"CHECK {'PASS' if ok else 'FAIL'} {name}")
