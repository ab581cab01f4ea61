#!/usr/bin/env python3
"""Start-up: time from launch to the first 200, for Verdict (the built server, empty data directory) and for moto 5.2.1
in server mode, alternating launches so load on a shared machine falls on both alike.

  measure.py VERDICT_DLL [LAUNCHES=3] [CEILING_DLL]

With CEILING_DLL (bench/Ceiling), the trivial Kestrel endpoint is launched too: the least any ASP.NET Core server
takes to start here (runtime start-up and JIT), which tells what in Verdict's time is its own.

Verdict answers GET /health; moto_server has no /health (404), so its first 200 is GET / (its index).
"""
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import first_200, free_port, start, stop  # noqa: E402


def launch(name, command, port, path, log_dir):
    started = time.perf_counter()
    process = start(command, os.path.join(log_dir, name + ".log"))
    try:
        return first_200(port, path, started, process=process)
    finally:
        stop(process)


def main():
    dll = sys.argv[1]
    launches = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    log_dir = tempfile.mkdtemp(prefix="verdict-bench-startup-")
    ceiling = sys.argv[3] if len(sys.argv) > 3 else None
    times = {"verdict": [], "moto": []}
    if ceiling:
        times["ceiling"] = []
    try:
        for _ in range(launches):
            port = free_port()
            data = tempfile.mkdtemp(dir=log_dir)
            times["verdict"].append(launch("verdict", ["dotnet", dll, "serve", "--no-auth", "--port", str(port), "--data", data], port, "/health", log_dir))
            port = free_port()
            times["moto"].append(launch("moto", ["moto_server", "-H", "127.0.0.1", "-p", str(port)], port, "/", log_dir))
            if ceiling:
                port = free_port()
                times["ceiling"].append(launch("ceiling", ["dotnet", ceiling, str(port)], port, "/health", log_dir))
    finally:
        shutil.rmtree(log_dir, ignore_errors=True)
    print(json.dumps({k: {"medianS": round(statistics.median(v), 3), "all": [round(x, 3) for x in v]} for k, v in times.items()}))


if __name__ == "__main__":
    main()
