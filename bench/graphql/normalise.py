#!/usr/bin/env python3
"""Prints a response of either server in one canonical form, so that the two can be compared byte for byte.

Usage: normalise.py QUERY SERVER < response.json   (QUERY: a b c d e f g h i z; SERVER: ours postgraphile)

Fails (exit 1) when the response has errors or no data. PostGraphile returns numeric and bigint columns as
strings ("0.800200", "1") and our API returns Float/Int; both become numbers rounded to 6 decimals. Lists
whose order is not part of the question (an agency's scores) are sorted.
"""
import datetime
import json
import sys


def num(value):
    return None if value is None else round(float(value), 6)


def score(block, category, s):
    return [block, category, num(s["score"]), bool(s["sample"]), num(s["publishedRank"])]


def agency_ours(node):
    scores = sorted(score(r["block"], x["category"]["code"], x)
                    for r in node["assessments"] for x in r["scores"])
    return {k: node[k] for k in ("code", "name", "nameEn", "kind", "region")} | {"scores": scores}


def agency_pg(node):
    scores = sorted(score(x["block"], x["categoryCode"], x) for x in node["assessmentScoresByAgencyCode"]["nodes"])
    return {k: node[k] for k in ("code", "name", "nameEn", "kind", "region")} | {"scores": scores}


def entry(e, code):
    return [num(e["rank"]), num(e["score"]), bool(e["sample"]), num(e["publishedRank"]), bool(e["tied"]),
            num(e["blockSize"]), code]


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.timezone.utc).isoformat()


def point(start, p):
    return [instant(start), num(p["views"]), num(p["memberViews"]), num(p["visitors"]), bool(p["sample"])]


def measurement(m, agency):
    return [int(m["id"]), m["period"], num(m["value"]), bool(m["sample"]), agency["code"], agency["name"]]


COMPARATORS = {"=": "EQ", ">=": "GE", ">": "GT", "<=": "LE"}


def target(t, indicator):
    comparator = COMPARATORS.get(t["comparator"], t["comparator"])
    return [int(t["id"]), t["code"], num(t["value"]), num(t["valueMax"]), comparator, t["deadline"], t["scope"],
            t["block"], [indicator[k] for k in ("code", "name", "unit", "direction")]]


def document(d):
    return [int(d["id"]), d["number"], d["title"], d["kind"], d["issuedOn"]]


def linked(documents):
    # A document's bases and citers, ours in date order (undated last) then id; PostGraphile orders the links of
    # document_basis, not the documents they name: both sorted the same way.
    return sorted((document(d) for d in documents), key=lambda d: (d[4] is None, d[4] or "", d[0]))


def graph_ours(node):
    return document(node) + [linked(node["basedOn"]), linked(node["citedBy"])]


def graph_pg(node):
    return document(node) + [
        linked(n["legalDocumentByBasisId"] for n in node["documentBasesByDocumentId"]["nodes"]),
        linked(n["legalDocumentByDocumentId"] for n in node["documentBasesByBasisId"]["nodes"])]


def poll(p, site, options):
    return [int(p["id"]), p["question"], instant(p["opensAt"]), p["closesAt"] and instant(p["closesAt"]), p["note"],
            site["code"], site["name"],
            [[int(o["id"]), o["label"], num(o["votes"]), num(o["importedVotes"])] for o in options]]


def change_ours(c):
    return [c["agency"]["code"], num(c["rank"]), num(c["score"]), bool(c["sample"]), num(c["blockSize"]), c["fromBlock"],
            num(c["fromRank"]), num(c["fromScore"]), c["fromSample"], [a["code"] for a in c["fromAgencies"]],
            num(c["rankChange"]), num(c["scoreChange"])]


def changes_pg(data):
    """rankChanges from PostGraphile's two lists: the block's ranked totals and assessment_comparison's rows (every
    category), joined on the agency, with the changes computed and sorted as rankChanges sorts them (RANK_CHANGE,
    DESC: biggest gains first, agencies with nothing to compare with last, then by code)."""
    earlier = {n["agencyCode"]: n for n in data["assessmentComparison"]["nodes"] if n["categoryCode"] == "TOTAL"}
    rows = []
    for n in data["allAssessmentRankeds"]["nodes"]:
        e = earlier[n["agencyCode"]]
        compared = e["earlierRank"] is not None
        from_rank = num(e["earlierRank"]) if compared else None
        from_score = num(e["earlierScore"]) if compared else None
        rows.append([n["agencyCode"], num(n["rank"]), num(n["score"]), bool(n["sample"]), num(n["blockSize"]),
                     e["earlierBlock"], from_rank, from_score, e["earlierSample"] if compared else None,
                     (e["earlierAgencies"] or []) if compared else [],
                     None if from_rank is None else from_rank - num(n["rank"]),
                     None if from_score is None else num(float(n["score"]) - float(e["earlierScore"]))])
    return sorted(rows, key=lambda r: (r[10] is None, -(r[10] or 0), r[0]))


def canonical(query, server, data):
    ours = server == "ours"
    if query == "a":
        nodes = [e["node"] for e in data["agencies"]["edges"]] if ours else data["allAgencies"]["nodes"]
        return [agency_ours(n) if ours else agency_pg(n) for n in nodes]
    if query == "b":
        return agency_ours(data["agency"]) if ours else agency_pg(data["agencyByCode"])
    if query == "c":
        if ours:
            r = data["ranking"]
            return {"total": r["totalCount"], "entries": [entry(e["node"], e["node"]["agency"]["code"]) for e in r["edges"]]}
        r = data["allAssessmentRankeds"]
        return {"total": r["totalCount"], "entries": [entry(n, n["agencyCode"]) for n in r["nodes"]]}
    if query == "d":
        if ours:
            return [point(p["start"], p) for p in data["traffic"]]
        return [point(p["bucketStart"], p) for p in data["allTrafficBucketAlls"]["nodes"]]
    if query == "f":
        if ours:
            c = data["measurements"]
            return {"total": num(c["totalCount"]), "rows": [measurement(e["node"], e["node"]["agency"]) for e in c["edges"]]}
        c = data["allMeasurements"]
        return {"total": num(c["totalCount"]), "rows": [measurement(n, n["agencyByAgencyCode"]) for n in c["nodes"]]}
    if query == "g":
        if ours:
            return [target(t, t["indicator"]) for t in data["targets"]]
        return [target(t, t["indicatorByIndicatorCode"]) for t in data["allTargets"]["nodes"]]
    if query == "h":
        if ours:
            return [graph_ours(e["node"]) for e in data["documents"]["edges"]]
        # Newest first either way, but PostgreSQL puts undated documents first in descending order, ours last.
        nodes = data["allLegalDocuments"]["nodes"]
        nodes = [n for n in nodes if n["issuedOn"]] + [n for n in nodes if not n["issuedOn"]]
        return [graph_pg(n) for n in nodes]
    if query == "i":
        if ours:
            return [poll(e["node"], e["node"]["site"], e["node"]["options"]) for e in data["polls"]["edges"]]
        return [poll(n, n["siteBySiteCode"], n["pollOptionsByPollId"]["nodes"]) for n in data["allPolls"]["nodes"]]
    if query == "e":
        return [change_ours(c) for c in data["rankChanges"]] if ours else changes_pg(data)
    if query == "z":
        return data
    raise SystemExit("unknown query " + query)


def main():
    query, server = sys.argv[1], sys.argv[2]
    response = json.load(sys.stdin)
    if response.get("errors") or not response.get("data"):
        print("response has errors or no data: " + json.dumps(response)[:500], file=sys.stderr)
        sys.exit(1)
    print(json.dumps(canonical(query, server, response["data"]), ensure_ascii=False, sort_keys=True, indent=1))


if __name__ == "__main__":
    main()
