"""Every benchmark at national scale in one run, then every figure that has a target.

Runs, one after the other and each in its own process (so no cache or engine carries
over): the list pages and exports (pages.py, SQLite and PostgreSQL: 10,000 organisations
with their memberships, 100,000 ledger entries), served throughput against bare Flask
(anon.py), search at 100,000 documents on both backends (search.py), the open-data API
(api.py), the monitoring report (monitoring.py) and the map at 100,000 members (map.py).
Each script's own output is passed through as it runs; at the end, the lines that carry a
verdict (met / NOT met / ok / BELOW) are printed again together, with the load average
before and after, so one screen says which targets hold on this machine today.

    .venv/bin/python bench/national.py [--quick] [--only pages,search,...]

--quick runs each script at its smaller defaults (a smoke run, not the national figures).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# name -> (arguments at national scale, arguments for --quick)
RUNS: dict[str, tuple[list[str], list[str]]] = {
    # 200 requests a page: with 40, a p95 is the second-slowest request, and the deep page's
    # ratio to page 1 swung between 1.0 and 1.5 from one quiet run to the next.
    "pages-sqlite": (["pages.py", "--db", "sqlite", "--requests", "200"],
                     ["pages.py", "--orgs", "2000", "--entries", "10000"]),
    "pages-postgres": (["pages.py", "--db", "postgres", "--requests", "200"],
                       ["pages.py", "--db", "postgres", "--orgs", "2000", "--entries", "10000"]),
    "anon": (["anon.py"], ["anon.py", "--seconds", "2"]),
    "search": (["search.py", "--docs", "100000", "--no-json"],
               ["search.py", "--docs", "10000", "--queries", "40", "--no-json"]),
    "api": (["api.py"], ["api.py", "--orgs", "2000", "--members", "5000", "--ledger", "10000",
                         "--requests", "20"]),
    "monitoring": (["monitoring.py", "--db", "postgres"],
                   ["monitoring.py", "--db", "postgres", "--members", "5000", "--orgs", "500",
                    "--ledger", "5000"]),
    "map": (["map.py", "--members", "100000", "--no-json"],
            ["map.py", "--members", "5000", "--requests", "30", "--no-json"]),
}
VERDICT = re.compile(r"\b(met|NOT met|NOT MET|ok|BELOW)\b")


def run(name: str, args: list[str]) -> tuple[list[str], float, int]:
    """Run one script, echoing its output; (its lines, seconds, exit status)."""
    print(f"\n=== {name}: {' '.join(args)}", flush=True)
    started = time.perf_counter()
    child = subprocess.Popen([PY, str(ROOT / "bench" / args[0]), *args[1:]], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in child.stdout:
        print(line, end="", flush=True)
        lines.append(line.rstrip("\n"))
    return lines, time.perf_counter() - started, child.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=",".join(RUNS))
    args = parser.parse_args()
    chosen = [name for name in args.only.split(",") if name in RUNS]
    load_before = os.getloadavg()[0]
    summary: list[str] = []
    for name in chosen:
        lines, seconds, status = run(name, RUNS[name][1 if args.quick else 0])
        verdicts = [line.strip() for line in lines if VERDICT.search(line)
                    and ("target" in line or "ok" in line or "BELOW" in line)]
        summary.append(f"--- {name} ({seconds:.0f} s{', FAILED' if status else ''})")
        summary += verdicts or ["(no figure with a target printed)"]
    print("\n=== every figure with a target" + (" (quick run: not the national scale)"
                                                  if args.quick else ""))
    print("\n".join(summary))
    print(f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
