#!/usr/bin/env python3
"""Summaries of the benchmark results in bench/results/LABEL/SUITE/ (see bench/README.md).

    report.py core  DIR     get/list/set by size, passphrase vs bare Argon2id, and their goals
    report.py exec  DIR     `tresor run -- true` vs the floor and the peers, peak RSS, goals
    report.py agent DIR     `get` through the agent vs passphrase file vs identity, goal
    report.py table DIR...  every figure of the given suite folders in ONE markdown table

A suite folder holds hyperfine's JSON exports (one per round; the timed runs of a command are
pooled over all rounds), commands.txt (NAME<TAB>command line), load.txt (one line per round:
LABEL BUSY% LOAD1), meta.json (date, code, machine) and, for exec, rss.txt. Each suite command
writes summary.md and figures.json into DIR and prints the summary.
"""

import glob
import json
import os
import statistics
import sys


def pooled(d):
    """{name: [seconds, ...]}, {name: [median of each round]} and {name: [(runs, mean user+sys
    CPU seconds)]} over every JSON export."""
    times, rounds, cpu = {}, {}, {}
    for path in sorted(glob.glob(os.path.join(d, "*.json"))):
        if os.path.basename(path) in ("meta.json", "figures.json"):
            continue
        for r in json.load(open(path))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
            rounds.setdefault(r["command"], []).append(r["median"])
            cpu.setdefault(r["command"], []).append((len(r["times"]), r["user"] + r["system"]))
    return times, rounds, cpu


def commands(d):
    out = {}
    path = os.path.join(d, "commands.txt")
    if os.path.exists(path):
        for line in open(path):
            name, _, cmd = line.rstrip("\n").partition("\t")
            out[name] = cmd
    return out


def meta(d):
    return json.load(open(os.path.join(d, "meta.json")))


def load_lines(d):
    path = os.path.join(d, "load.txt")
    if not os.path.exists(path):
        return []
    return [(l.split()[0], int(l.split()[1]), float(l.split()[2])) for l in open(path) if l.strip()]


def ms(x):
    return x * 1000.0


class Suite:
    def __init__(self, d, kind):
        self.d, self.kind = d, kind
        self.times, self.rounds, self.cpu_ = pooled(d)
        self.cmds = commands(d)
        self.meta = meta(d)
        self.figures = []   # rows for the one table
        self.goals = []     # (goal, measured, target, met)
        self.out = []

    def med(self, name):
        return ms(statistics.median(self.times[name])) if name in self.times else None

    def cpu(self, name):
        """Mean CPU time (user + system, the child's children included) in ms over all runs.
        Less sensitive than wall time to other processes competing for the 2 cores."""
        if name not in self.cpu_:
            return None
        runs = sum(n for n, _ in self.cpu_[name])
        return ms(sum(n * c for n, c in self.cpu_[name]) / runs)

    def cpu_ratio(self, a, b):
        ca, cb = self.cpu(a), self.cpu(b)
        return f" (CPU time: {ca:.2f} / {cb:.2f} ms = {ca / cb:.2f}×)" if ca and cb else ""

    def header(self):
        m, load = self.meta, load_lines(self.d)
        self.out.append(f"- date: {m['date']}; code: **{m['code']}**"
                        + (" (with uncommitted changes in src/)" if m.get("uncommitted_src_changes") else ""))
        self.out.append(f"- machine: {m['machine']}; hyperfine {m['hyperfine']}, rustc {m['rustc']}")
        if load:
            busy = [b for _, b, _ in load]
            la = [l for _, _, l in load]
            self.out.append(
                f"- machine load when each of the {len(load)} rounds started: CPU use median {statistics.median(busy)}% "
                f"(max {max(busy)}%), 1-min load average median {statistics.median(la):.2f} (max {max(la):.2f}); "
                f"{sum(b <= 20 and l < 1.0 for _, b, l in load)} of {len(load)} rounds started quiet (< 20% and load < 1)")
        self.out.append("")

    def detail(self, names=None):
        self.out += ["| benchmark | median | min | mean ± σ | CPU (user+sys, mean) | runs | medians of the rounds |",
                     "|---|---:|---:|---:|---:|---:|---|"]
        for name in names or self.times:
            if name not in self.times:
                continue
            t = self.times[name]
            mean, sd = statistics.mean(t), (statistics.stdev(t) if len(t) > 1 else 0.0)
            per_round = ", ".join(f"{ms(m):.2f}" for m in self.rounds[name])
            self.out.append(f"| `{name}` | {self.med(name):.2f} | {ms(min(t)):.2f} | "
                            f"{ms(mean):.2f} ± {ms(sd):.2f} | {self.cpu(name):.2f} | {len(t)} | {per_round} |")
        self.out.append("")

    def figure(self, name, what, value=None, unit="ms"):
        if value is None:
            value = self.med(name)
        if value is None:
            return
        self.figures.append({
            "name": name, "what": what, "value": value, "unit": unit,
            "min": ms(min(self.times[name])) if unit == "ms" and name in self.times else None,
            "command": self.cmds.get(name, ""), "script": self.meta["script"],
            "date": self.meta["date"], "code": self.meta["code"],
        })

    def goal(self, name, measured, target, met):
        self.goals.append((name, measured, target, met))

    def finish(self):
        if self.goals:
            self.out += ["| goal | measured (medians) | target | met? |", "|---|---|---|---|"]
            for name, value, target, ok in self.goals:
                self.out.append(f"| {name} | {value} | {target} | {'yes' if ok else '**NO**'} |")
            self.out.append("")
        text = "\n".join(self.out) + "\n"
        open(os.path.join(self.d, "summary.md"), "w").write(text)
        json.dump({"figures": self.figures,
                   "goals": [{"goal": g, "measured": m, "target": t, "met": ok} for g, m, t, ok in self.goals]},
                  open(os.path.join(self.d, "figures.json"), "w"), indent=1)
        print(text)


def sizes_of(names, prefix):
    return sorted({int(n.split("@")[1]) for n in names if n.startswith(prefix + "@")})


def core(d):
    s = Suite(d, "core")
    s.header()
    sizes = sizes_of(s.times, "get") or sizes_of(s.times, "list") or sizes_of(s.times, "set")
    s.out += ["Medians in ms, pooled over all rounds (hyperfine `-N --warmup 3`).", ""]
    s.out.append("| command | " + " | ".join(f"{n:,} secrets" for n in sizes) + " |")
    s.out.append("|---|" + "---:|" * len(sizes))
    for op in ("get", "list", "set"):
        cells = [f"{s.med(f'{op}@{n}'):.2f}" if f"{op}@{n}" in s.times else "–" for n in sizes]
        s.out.append(f"| `{op}` | " + " | ".join(cells) + " |")
        for n in sizes:
            s.figure(f"{op}@{n}", f"`{op}`, {n:,} secrets")
    s.out.append("")
    s.detail()
    s.figure("get-passphrase@10", "`get` with a passphrase (Argon2id m=64 MiB t=3 p=4), 10 secrets")
    s.figure("bare-argon2id", "bare Argon2id, same parameters (process start included)")
    a, b = s.med("set@100000"), s.med("set@10")
    if a and b:
        s.goal("`set` at 100k / at 10", f"{a:.2f} / {b:.2f} ms = **{a / b:.2f}×**" + s.cpu_ratio("set@100000", "set@10"),
               "≤ 1.5×", a / b <= 1.5)
    a, b = s.med("get@10000"), s.med("get@10")
    if a and b:
        s.goal("`get` at 10k / at 10", f"{a:.2f} / {b:.2f} ms = **{a / b:.2f}×**" + s.cpu_ratio("get@10000", "get@10"),
               "≤ 2×", a / b <= 2.0)
    a, b = s.med("get-passphrase@10"), s.med("bare-argon2id")
    if a and b:
        mins = ms(min(s.times["get-passphrase@10"])) - ms(min(s.times["bare-argon2id"]))
        s.goal("passphrase `get` − bare Argon2id",
               f"{a:.2f} − {b:.2f} = **{a - b:+.2f} ms** (minimums: {mins:+.2f} ms)", "≤ 20 ms", a - b <= 20.0)
    s.finish()


PEERS = ("floor", "envio", "dotenvx", "age")


def exec_(d):
    s = Suite(d, "exec")
    s.header()
    sizes = sizes_of(s.times, "tresor")
    tools = ["tresor"] + [p for p in PEERS if sizes_of(s.times, p)]
    s.out += ["Medians in ms of a whole `… run -- true` (or equivalent), pooled over all rounds "
              "(hyperfine `-N`); in brackets: that time over tresor's.", ""]
    s.out.append("| tool | " + " | ".join(f"{n:,} secrets" for n in sizes) + " |")
    s.out.append("|---|" + "---:|" * len(sizes))
    for tool in tools:
        cells = []
        for n in sizes:
            v, t = s.med(f"{tool}@{n}"), s.med(f"tresor@{n}")
            if v is None:
                cells.append("–")
            elif tool == "tresor":
                cells.append(f"{v:.2f}")
            else:
                cells.append(f"{v:.2f} ({v / t:.2f}×)")
        s.out.append(f"| {tool} | " + " | ".join(cells) + " |")
    s.out.append("")
    skipped = os.path.join(d, "skipped.txt")
    if os.path.exists(skipped):
        for line in open(skipped):
            s.out.append(f"- not measured: {line.strip()}")
        s.out.append("")
    s.detail()
    labels = {
        "tresor": "`tresor run -- true`",
        "floor": "floor: `floor_vault` (SQLite read + exec, no crypto)",
        "envio": "envio: `envio run`",
        "dotenvx": "dotenvx: `dotenvx run`",
        "age": "age: `sh` + `age -d` + `eval`",
    }
    for tool in tools:
        for n in sizes:
            s.figure(f"{tool}@{n}", f"{labels[tool]}, {n:,} secrets")
    rss = {}
    path = os.path.join(d, "rss.txt")
    if os.path.exists(path):
        s.out += ["Peak RSS (`/usr/bin/time -f %M`), KiB, over repeated runs:", "",
                  "| command | median | max | runs |", "|---|---:|---:|---:|"]
        for line in open(path):
            name, *vals = line.split()
            vals = [int(v) for v in vals]
            rss[name] = vals
            s.out.append(f"| `{name}` | {statistics.median(vals):,.0f} | {max(vals):,} | {len(vals)} |")
            s.figure(f"rss:{name}", f"peak RSS of {labels.get(name.split('@')[0], name)}, "
                     f"{int(name.split('@')[1]):,} secrets (max of {len(vals)} runs)",
                     value=max(vals) / 1024.0, unit="MiB")
            s.figures[-1]["command"] = "/usr/bin/time -f %M " + s.cmds.get(name, "")
        s.out.append("")
    for n, limit in ((1000, 1.5), (10000, 1.8)):
        a, b = s.med(f"tresor@{n}"), s.med(f"floor@{n}")
        if a and b:
            s.goal(f"`run` at {n:,} / floor", f"{a:.2f} / {b:.2f} ms = **{a / b:.2f}×**" + s.cpu_ratio(f"tresor@{n}", f"floor@{n}"),
                   f"≤ {limit}×", a / b <= limit)
    for p in PEERS[1:]:
        pairs = [(n, s.med(f"tresor@{n}"), s.med(f"{p}@{n}")) for n in sizes if s.med(f"{p}@{n}")]
        if pairs:
            s.goal(f"`run` faster than {p}",
                   ", ".join(f"{n:,}: {a:.2f} vs {b:.2f} ms ({b / a:.1f}× faster)" if a < b else
                             f"{n:,}: {a:.2f} vs {b:.2f} ms (**{a / b:.2f}× slower**)" for n, a, b in pairs),
                   "every size", all(a < b for _, a, b in pairs))
        else:
            s.goal(f"`run` faster than {p}", "not measured (see above)", "every size", False)
    if "tresor@10000" in rss:
        m = max(rss["tresor@10000"]) / 1024.0
        s.goal("peak RSS of `tresor run -- true` at 10,000", f"**{m:.1f} MiB** (max of {len(rss['tresor@10000'])} runs)",
               "< 32 MiB", m < 32.0)
    s.finish()


def agent(d):
    s = Suite(d, "agent")
    s.header()
    names = ["get-agent@1000", "get-identity@1000", "get-passphrase@1000"]
    s.detail(names)
    s.figure("get-agent@1000", "`get` through the agent (`tresor unlock`), 1,000 secrets")
    s.figure("get-identity@1000", "`get` with an age identity, 1,000 secrets")
    s.figure("get-passphrase@1000", "`get` with a passphrase file (default KDF), 1,000 secrets")
    a, b = s.med("get-agent@1000"), s.med("get-identity@1000")
    if a and b:
        s.goal("`get` through the agent / with an identity, 1,000 secrets",
               f"{a:.2f} / {b:.2f} ms = **{a / b:.2f}×**" + s.cpu_ratio("get-agent@1000", "get-identity@1000"),
               "≤ 1.5×", a / b <= 1.5)
    s.finish()


def table(dirs):
    rows, goals = [], []
    for d in dirs:
        path = os.path.join(d, "figures.json")
        if os.path.exists(path):
            f = json.load(open(path))
            rows += f["figures"]
            goals += f["goals"]
    print("| # | figure | median | min | timed command | produced by | date (UTC) |")
    print("|---:|---|---:|---:|---|---|---|")
    for i, r in enumerate(rows, 1):
        v = f"{r['value']:.2f} ms" if r["unit"] == "ms" else f"{r['value']:.1f} {r['unit']}"
        lo = f"{r['min']:.2f}" if r.get("min") is not None else ""
        cmd = f"`{r['command']}`" if r["command"] else ""
        print(f"| {i} | {r['what']} | {v} | {lo} | {cmd} | `{r['script']}` @ {r['code']} | {r['date'].replace(' UTC', '')} |")
    print()
    print("| goal | measured | target | met? |")
    print("|---|---|---|---|")
    for g in goals:
        print(f"| {g['goal']} | {g['measured']} | {g['target']} | {'yes' if g['met'] else '**NO**'} |")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    what, dirs = sys.argv[1], sys.argv[2:]
    if what == "table":
        table(dirs)
    else:
        {"core": core, "exec": exec_, "agent": agent}[what](dirs[0])


if __name__ == "__main__":
    main()
