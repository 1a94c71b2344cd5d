#!/usr/bin/env python3
"""Plots tresor's latency against vault size (get, list, set, run) from the JSON results.

    python3 bench/plot.py [RESULTS_LABEL_DIR] [OUT.png]

RESULTS_LABEL_DIR is a folder bench/results/LABEL/ holding core/ (bench/run.sh) and exec/
(bench/run_exec.sh); default: the most recently written one. OUT defaults to bench/latency.png.
Each point is the median of every timed run of that command, pooled over the rounds; the bars
span the 10th to 90th percentile. The floor (SQLite read + exec, no crypto) is drawn for
reference when exec/ has it. Needs matplotlib (pip install matplotlib).
"""

import glob
import json
import os
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def pooled(folder):
    times = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        if os.path.basename(path) in ("meta.json", "figures.json"):
            continue
        for r in json.load(open(path))["results"]:
            times.setdefault(r["command"], []).extend(t * 1000.0 for t in r["times"])
    return times


def series(times, prefix):
    pts = []
    for name, t in times.items():
        op, _, n = name.partition("@")
        if op == prefix and n.isdigit():
            t = sorted(t)
            q = statistics.quantiles(t, n=10) if len(t) >= 2 else [t[0]] * 9
            pts.append((int(n), statistics.median(t), q[0], q[-1]))
    return sorted(pts)


def main():
    if len(sys.argv) > 1:
        label_dir = sys.argv[1]
    else:
        dirs = [d for d in glob.glob(os.path.join(HERE, "results", "*")) if os.path.isdir(os.path.join(d, "core"))]
        if not dirs:
            sys.exit("plot.py: no bench/results/*/core/ yet: run bench/run.sh first")
        label_dir = max(dirs, key=lambda d: os.path.getmtime(os.path.join(d, "core")))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "latency.png")

    core = pooled(os.path.join(label_dir, "core"))
    exe = pooled(os.path.join(label_dir, "exec"))
    meta_path = os.path.join(label_dir, "core", "meta.json")
    meta = json.load(open(meta_path)) if os.path.exists(meta_path) else {}
    exec_meta_path = os.path.join(label_dir, "exec", "meta.json")
    exec_meta = json.load(open(exec_meta_path)) if os.path.exists(exec_meta_path) else {}

    lines = [
        ("get", series(core, "get"), "tresor get NAME", "C0", "o", (8, 3)),
        ("set", series(core, "set"), "tresor set NAME (fsync'd commit)", "C2", "s", (8, -12)),
        ("run", series(exe, "tresor"), "tresor run -- true", "C3", "D", (-34, 4)),
        ("list", series(core, "list"), "tresor list", "C1", "^", (8, 6)),
    ]
    fig, ax = plt.subplots(figsize=(9, 6), dpi=110)
    for _, pts, label, color, marker, offset in lines:
        if not pts:
            continue
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        err = [[p[1] - p[2] for p in pts], [p[3] - p[1] for p in pts]]
        ax.errorbar(xs, ys, yerr=err, label=label, color=color, marker=marker, capsize=3, linewidth=1.8)
        for x, y in zip(xs, ys):
            ax.annotate(f"{y:.1f}" if y < 100 else f"{y:.0f}", (x, y), textcoords="offset points",
                        xytext=offset, fontsize=8, color=color, fontweight="bold")
    floor = series(exe, "floor")
    if floor:
        ax.plot([p[0] for p in floor], [p[1] for p in floor], color="0.45", linestyle="--", marker=".",
                label="floor: SQLite read + exec, no crypto (floor_vault.c)")

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("secrets in the environment (log scale)")
    ax.set_ylabel("wall time per command, ms (log scale; median, bars 10th–90th percentile)")
    sizes = sorted({p[0] for _, pts, *_ in lines for p in pts})
    ax.set_xticks(sizes)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v):,}"))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.grid(True, which="major", alpha=0.35)
    ax.grid(True, which="minor", alpha=0.12)
    title = "tresor: latency against vault size"
    if meta:
        code = f"code {meta.get('code', '?')}, {meta.get('date', '')}"
        if exec_meta and exec_meta.get("code") != meta.get("code"):
            # The suites may come from different runs (bench/README.md says why).
            code = f"get, set, list: {code}\nrun: code {exec_meta.get('code', '?')}, {exec_meta.get('date', '')}"
        title += f"\n{code}; {meta.get('machine', '').split(',')[0]}, identity unlock"
    ax.set_title(title, fontsize=11)
    ax.legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    fig.savefig(out)
    print(out)


if __name__ == "__main__":
    main()
