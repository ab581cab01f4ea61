#!/usr/bin/env python3
"""Loads a workload into a running Verdict through the AVP API (raw HTTP, unsigned: the server runs --no-auth) and
writes the request bodies wrk sends.

  avp_setup.py ENDPOINT WORKLOAD_DIR OUT_PREFIX [THREADS=4]

Creates a policy store (validation OFF), the static policies, the templates and the template-linked policies
(in parallel), then checks the server's answers on the first requests against cedar-wasm's answers for the same
requests (bench/authz writes them) when present, and writes:
  OUT_PREFIX.isauth.bodies  one IsAuthorized body per line
  OUT_PREFIX.batch.bodies   BatchIsAuthorized bodies of 30 requests each: one principal (AVP requires one principal
                            or one resource per batch) and the resources, actions and contexts of 30 consecutive
                            requests, their entity slices merged
Prints {"policyStoreId", "policies", "loadSeconds", "checked", "agree"} as JSON.
"""
import http.client
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

# Unchecked under --no-auth, but it names the region and the test account as a signed client would.
AUTHORIZATION = ("AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/verifiedpermissions/aws4_request, "
                 "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


class Client:
    def __init__(self, endpoint):
        u = urlparse(endpoint)
        self._host, self._port = u.hostname, u.port
        self._local = threading.local()

    def call(self, operation, body):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = http.client.HTTPConnection(self._host, self._port, timeout=600)
        headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "VerifiedPermissions." + operation,
                   "Authorization": AUTHORIZATION}
        try:
            conn.request("POST", "/", json.dumps(body), headers)
        except (BrokenPipeError, ConnectionResetError):
            # The server closed this keep-alive connection while it sat idle (the load runs on other threads);
            # the request was not sent, so sending it on a new connection is safe.
            conn.close()
            conn = self._local.conn = http.client.HTTPConnection(self._host, self._port, timeout=600)
            conn.request("POST", "/", json.dumps(body), headers)
        response = conn.getresponse()
        data = json.loads(response.read() or b"{}")
        if response.status != 200:
            raise RuntimeError(f"{operation}: HTTP {response.status} {data}")
        return data


def main():
    endpoint, workload, out_prefix = sys.argv[1], sys.argv[2], sys.argv[3]
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    client = Client(endpoint)
    spec = json.load(open(os.path.join(workload, "avp-policies.json")))
    started = time.monotonic()
    store = client.call("CreatePolicyStore", {"validationSettings": {"mode": "OFF"}, "description": "bench"})["policyStoreId"]

    # Our policy ids (policy0…, link0…, as in policies.json) → the ids the server assigns, to compare answers.
    ids = {}
    for i, statement in enumerate(spec["static"]):
        created = client.call("CreatePolicy", {"policyStoreId": store, "definition": {"static": {"statement": statement}}})
        ids[created["policyId"]] = f"policy{i}"
    templates = {}
    for name, statement in spec["templates"].items():
        templates[name] = client.call("CreatePolicyTemplate", {"policyStoreId": store, "statement": statement})["policyTemplateId"]

    def link(item):
        i, l = item
        linked = {"policyTemplateId": templates[l["templateId"]]}
        for slot in ("principal", "resource"):
            if slot in l:
                linked[slot] = {"entityType": l[slot]["type"], "entityId": l[slot]["id"]}
        created = client.call("CreatePolicy", {"policyStoreId": store, "definition": {"templateLinked": linked}})
        return created["policyId"], f"link{i}"

    with ThreadPoolExecutor(threads) as pool:
        for server_id, our_id in pool.map(link, enumerate(spec["links"]), chunksize=64):
            ids[server_id] = our_id
    load_seconds = time.monotonic() - started

    requests = [json.loads(line) for line in open(os.path.join(workload, "avp-requests.jsonl")) if line.strip()]
    for r in requests:
        r["policyStoreId"] = store
    with open(out_prefix + ".isauth.bodies", "w") as f:
        for r in requests:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    with open(out_prefix + ".batch.bodies", "w") as f:
        for start in range(0, len(requests) - 29, 30):
            chunk = requests[start:start + 30]
            entities = {}
            for r in chunk:
                for e in r["entities"]["entityList"]:
                    entities[(e["identifier"]["entityType"], e["identifier"]["entityId"])] = e
            principal = chunk[0]["principal"]
            body = {"policyStoreId": store, "entities": {"entityList": list(entities.values())},
                    "requests": [{"principal": principal, **{k: r[k] for k in ("action", "resource", "context")}} for r in chunk]}
            f.write(json.dumps(body, separators=(",", ":")) + "\n")

    # The server must give the official engine's answers: decision and determining policies, request by request.
    checked = agree = 0
    answers_file = os.path.join(workload, "cedar-wasm-answers.json")
    if os.path.exists(answers_file):
        for r, expected in zip(requests, json.load(open(answers_file))[:200]):
            got = client.call("IsAuthorized", r)
            decision, reasons, _ = expected.split("|")
            mine = sorted(ids[p["policyId"]] for p in got["determiningPolicies"])
            checked += 1
            if got["decision"].lower() == decision and mine == sorted(x for x in reasons.split(",") if x):
                agree += 1
            elif checked - agree == 1:
                print(f"disagreement on request {checked - 1}: server {got['decision']} {mine}, cedar-wasm {expected}",
                      file=sys.stderr)
    print(json.dumps({"policyStoreId": store, "policies": len(ids), "loadSeconds": round(load_seconds, 1),
                      "checked": checked, "agree": agree}))


if __name__ == "__main__":
    main()
