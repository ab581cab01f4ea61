#!/usr/bin/env python3
"""Resident memory of the Verdict server with a workload loaded through the API, per policy.

  server_rss.py ROOT WORKLOAD_DIR

Starts `verdict serve --no-auth` on an empty data directory, answers one IsAuthorized on an empty store (so the
authorization path is warm), records RSS, loads the workload through the API (bench/http/avp_setup.py), answers
IsAuthorized requests on it (which compiles and caches the policy set), and records RSS again.
"""
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))
from common import first_200, free_port, rss_mb, start, stop  # noqa: E402

AUTH = ("AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/verifiedpermissions/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def call(port, operation, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("POST", "/", body if isinstance(body, str) else json.dumps(body), {
        "X-Amz-Target": "VerifiedPermissions." + operation, "Content-Type": "application/x-amz-json-1.0", "Authorization": AUTH})
    response = conn.getresponse()
    data = json.loads(response.read() or b"{}")
    if response.status != 200:
        raise RuntimeError(f"{operation}: {response.status} {data}")
    return data


def main():
    root, workload = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="verdict-bench-memory-")
    port = free_port()
    process = start(["dotnet", os.path.join(root, "artifacts/bin/Verdict.Cli/release/verdict.dll"), "serve", "--no-auth",
                     "--port", str(port), "--data", os.path.join(work, "data")], os.path.join(work, "server.log"))
    try:
        first_200(port, "/health", time.perf_counter(), process=process)
        empty = call(port, "CreatePolicyStore", {"validationSettings": {"mode": "OFF"}})["policyStoreId"]
        first = json.loads(open(os.path.join(workload, "avp-requests.jsonl")).readline())
        for _ in range(50):
            call(port, "IsAuthorized", {**first, "policyStoreId": empty})
        before = rss_mb(process.pid)
        setup = subprocess.run([sys.executable, os.path.join(root, "bench/http/avp_setup.py"), f"http://127.0.0.1:{port}",
                                workload, os.path.join(work, "bodies"), "4"], capture_output=True, text=True)
        if setup.returncode != 0:
            raise RuntimeError("loading the workload failed: " + setup.stderr[-2000:])
        loaded = json.loads(setup.stdout)
        with open(os.path.join(work, "bodies.isauth.bodies")) as f:
            for line in list(f)[:200]:
                call(port, "IsAuthorized", line.strip())
        after = rss_mb(process.pid)
    finally:
        stop(process)
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"policies": loaded["policies"], "loadSeconds": loaded["loadSeconds"], "rssBeforeMb": round(before, 1),
                      "rssAfterMb": round(after, 1), "rssBytesPerPolicy": round((after - before) * 1048576 / loaded["policies"]),
                      "answersChecked": loaded["checked"], "answersAgree": loaded["agree"]}))


if __name__ == "__main__":
    main()
