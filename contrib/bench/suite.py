#!/usr/bin/env python3
"""The benchmark suite: every command mgr users run daily, timed as whole processes at 10k, 100k
and 1M entries, each next to its floor (the sqlite3 CLI doing the same work, taskwarrior doing
the same job) in the same hyperfine run, with peak memory from /usr/bin/time.

Writes a Markdown report (targets, measured values, ratios, met or not) to --output and prints
it. Started by contrib/bench/run.sh, which installs the tools and builds mgr (the default RelWithDebInfo build) first.

usage: suite.py --mgr build-bench/mgr [--sizes 10000,100000,1000000] [--runs 20]
                [--output contrib/bench/results.md]
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = "2026-11-26T09:00"

# The row `mgr log ic 30m` writes, as the sqlite3 CLI would write it: one transaction on the same
# WAL file with the same durability (synchronous=FULL), journal triggers and all.
SQLITE_INSERT = (
    "PRAGMA synchronous=FULL; BEGIN IMMEDIATE; INSERT INTO ids (kind) VALUES ('entry'); "
    "INSERT INTO entries (id, kind, date, logged_at, minutes) VALUES (last_insert_rowid(), "
    "'ic', '2026-11-26', '2026-11-26T09:00:00Z', 30); COMMIT;")

# `mgr history --limit 50`: the newest 50 entries with their people and tags.
SQLITE_HISTORY = (
    "SELECT e.id, e.kind, e.date, e.logged_at, e.note, e.minutes, e.mood, e.cancelled, "
    "e.polarity, e.status, e.learn_type, e.concern_id, e.delegation_id, "
    "(SELECT group_concat(handle, ',') FROM (SELECT p.handle FROM entry_people ep2 JOIN people p "
    "ON p.id = ep2.person_id WHERE ep2.entry_id = e.id ORDER BY ep2.position)), "
    "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM entry_tags t WHERE t.entry_id = "
    "e.id ORDER BY tag)) FROM entries e ORDER BY e.date DESC, e.id DESC LIMIT 50;")

# The daily read commands; each has the targets "<= 25 ms at 1M" and "<= 1.5x its 10k time".
DAILY = {
    "today": ["today"],
    "schedule": ["schedule"],
    "prep": ["prep", "report1"],
    "person show": ["person", "show", "report1"],
    "review": ["review", "--format", "json"],
    "remind": ["remind"],
}
OTHER_READS = {
    "schedule --ics": ["schedule", "--ics"],
    "history --limit 50": ["history", "--limit", "50"],
    "reflect --history": ["reflect", "--history"],
    "progress": ["progress"],
}
MEMORY_LIMIT_KIB = 12 * 1024


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def hyperfine(commands, runs, env, warmup=3, rounds=5):
    """Runs named commands (name -> argv) in one hyperfine session per round, `runs` runs of
    each in all; returns name -> median ms over every run. hyperfine runs each command's runs
    back to back, so a few seconds in which the machine is slower (a shared host) would fall on
    one command of a comparison alone: in rounds, they are spread over all of them."""
    rounds = max(1, min(rounds, runs // 2))
    per_round = -(-runs // rounds)
    times = {name: [] for name in commands}
    for round_ in range(rounds):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            args = ["hyperfine", "-N", "--style", "none", "--warmup",
                    str(warmup if round_ == 0 else 1), "--runs", str(per_round),
                    "--export-json", out.name]
            for name, argv in commands.items():
                args += ["-n", name, " ".join(quote(a) for a in argv)]
            run(args, env=env, stdout=subprocess.DEVNULL)
            for result in json.load(open(out.name))["results"]:
                times[result["command"]] += result["times"]
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def quote(arg):
    # hyperfine -N splits its command line shell-style.
    if arg and all(c.isalnum() or c in "-_./:=,+" for c in arg):
        return arg
    return "'" + arg.replace("'", "'\\''") + "'"


def peak_kib(argv, env):
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(argv)}\n{result.stderr}")
    return int(result.stderr.strip().splitlines()[-1])


def mgr_env(db):
    env = dict(os.environ)
    env.update(MGR_DB=str(db), MGR_CONFIG="/nonexistent/mgr-bench.toml", MGR_NOW=NOW,
               TZ="Europe/Berlin", LC_ALL="C")
    return env


def make_db(mgr, path, entries):
    run(["bash", str(HERE / "make_db.sh"), mgr, str(path), str(entries)],
        stdout=subprocess.DEVNULL)
    run([mgr, "today"], env=mgr_env(path), stdout=subprocess.DEVNULL)  # first-open work


def copy_db(source, folder):
    target = Path(folder) / source.name
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


def make_taskwarrior(folder, tasks):
    """A taskwarrior 2.6 data folder of `tasks` tasks over ten years, one in twenty still
    pending (so `task summary` has projects to sum up), written in taskwarrior's own file
    format, and the rc file that points to it."""
    data = Path(folder) / "task"
    data.mkdir()
    start = int(datetime.datetime(2016, 12, 1).timestamp())
    step = (10 * 365 * 86400) // tasks
    with open(data / "completed.data", "w") as done, open(data / "pending.data", "w") as open_:
        for i in range(tasks):
            t = start + i * step
            common = (f'[description:"Entry {i}: talked through the roadmap and what comes next"'
                      f' entry:"{t}" modified:"{t}" project:"team{i % 13}"')
            if i % 20 == 0:
                open_.write(f'{common} status:"pending" uuid:"{uuid.UUID(int=i + 1)}"]\n')
            else:
                done.write(f'{common} end:"{t}" status:"completed" uuid:"{uuid.UUID(int=i + 1)}"]\n')
    rc = Path(folder) / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\n"
                  "news.version=2.6.0\n")
    return rc


class Report:
    def __init__(self):
        self.targets = []  # (target, measured, met)
        self.sections = []

    def target(self, what, measured, met):
        self.targets.append((what, measured, "yes" if met else "**no**"))

    def table(self, title, header, rows):
        lines = [f"### {title}", "", "| " + " | ".join(header) + " |",
                 "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
        self.sections.append("\n".join(lines))

    def markdown(self, machine, command):
        lines = ["## Performance", "", machine, "", f"Reproduce with `{command}`.", "",
                 "### Targets", "", "| target | measured | met |", "|---|---|---|"]
        lines += [f"| {t} | {m} | {ok} |" for t, m, ok in self.targets]
        return "\n".join(lines + [""] + [s + "\n" for s in self.sections])


def ms(value):
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def machine_line():
    cpu = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    debian = Path("/etc/debian_version").read_text().strip() if Path(
        "/etc/debian_version").exists() else "?"
    return (f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu}), Debian "
            f"{debian}, Linux {platform.release()}; medians of whole-process runs (hyperfine), "
            "each comparison taken in the same run, in five rounds that take turns.")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mgr", required=True)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--output", default=str(HERE / "results.md"))
    options = parser.parse_args()
    mgr = str(Path(options.mgr).resolve())
    sizes = [int(s) for s in options.sizes.split(",")]
    runs = options.runs
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="mgr-bench-", dir="/var/tmp"))
    shm = Path(tempfile.mkdtemp(prefix="mgr-bench-", dir="/dev/shm"))
    try:
        measure(mgr, sizes, runs, work, shm, report)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(shm, ignore_errors=True)
    text = report.markdown(machine_line(), "bash contrib/bench/run.sh")
    Path(options.output).write_text(text)
    print(text)


def label(n):
    return f"{n // 1000}k" if n < 1_000_000 else f"{n // 1_000_000}M"


def measure(mgr, sizes, runs, work, shm, report):
    reads = {}      # size -> name -> median ms
    memory = {}     # size -> name -> KiB
    writes = {}     # size -> medium -> (mgr ms, sqlite ms)
    pairs = {}      # size -> name -> (mgr ms, floor ms)
    for n in sizes:
        print(f"== {label(n)} entries", file=sys.stderr)
        db = work / f"mgr-{n}.db"
        make_db(mgr, db, n)
        env = mgr_env(db)
        commands = {name: [mgr, *argv] for name, argv in {**DAILY, **OTHER_READS}.items()}
        commands["sqlite3 history"] = ["sqlite3", str(db), SQLITE_HISTORY]
        commands["sqlite3 review queries"] = ["sqlite3", str(db),
                                              f".read {HERE / 'review_queries.sql'}"]
        commands["mgr --version"] = [mgr, "--version"]
        commands["sqlite3 -version"] = ["sqlite3", "-version"]
        times = hyperfine(commands, runs, env)
        pairs[n] = {"--version": (times["mgr --version"], times["sqlite3 -version"]),
                    "history --limit 50": (times["history --limit 50"], times["sqlite3 history"]),
                    "review --format json": (times["review"], times["sqlite3 review queries"])}
        reads[n] = times
        memory[n] = {name: peak_kib(argv, env) for name, argv in commands.items()
                     if argv[0] == mgr}
        memory[n]["log ic 30m"] = peak_kib([mgr, "log", "ic", "30m"], mgr_env(copy_db(db, shm)))
        memory[n]["person show --all"] = peak_kib([mgr, "person", "show", "report1", "--all"], env)
        writes[n] = {}
        for medium, folder in (("tmpfs", shm), ("disk", work)):
            copy = copy_db(db, folder) if folder != work else db
            wenv = mgr_env(copy)
            t = hyperfine({"mgr log": [mgr, "log", "ic", "30m", "benchmark"],
                           "sqlite3 insert": ["sqlite3", str(copy), SQLITE_INSERT]}, runs, wenv)
            writes[n][medium] = (t["mgr log"], t["sqlite3 insert"])
        if n == 100_000 or (n == sizes[-1] and 100_000 not in sizes and n < 1_000_000):
            compare_taskwarrior(mgr, db, n, runs, work, shm, report)
        if n == 1_000_000:
            measure_archive(mgr, db, n, work, report)
        if n != sizes[0]:
            (work / f"mgr-{n}.db").unlink()

    first, last = sizes[0], sizes[-1]
    # Start-up, at the N where it came out worst (it must not depend on N at all).
    version = max((pairs[n]["--version"] for n in sizes), key=lambda p: p[0] / p[1])
    report.target("`mgr --version` ≤ 1.2× `sqlite3 -version`",
                  f"{ms(version[0])} vs {ms(version[1])}: {version[0] / version[1]:.2f}×",
                  version[0] <= 1.2 * version[1])
    # Writes.
    for medium in ("tmpfs", "disk"):
        ratios = {n: writes[n][medium][0] / writes[n][medium][1] for n in sizes}
        worst = max(ratios.values())
        if medium == "tmpfs":
            report.target("`mgr log` ≤ 1.3× the sqlite3 CLI insert (tmpfs), every N",
                          ", ".join(f"{label(n)}: {r:.2f}×" for n, r in ratios.items()),
                          worst <= 1.3)
            flat = writes[last]["tmpfs"][0] / writes[first]["tmpfs"][0]
            report.target(f"`mgr log` flat from {label(first)} to {label(last)} (≤ 10 %)",
                          f"{ms(writes[first]['tmpfs'][0])} → {ms(writes[last]['tmpfs'][0])} "
                          f"({(flat - 1) * 100:+.0f} %)", flat <= 1.10)
    report.table("`mgr log ic 30m` against one sqlite3 INSERT of the same row",
                 ["entries", "medium", "mgr log", "sqlite3 insert", "ratio"],
                 [[label(n), medium, ms(m), ms(s), f"{m / s:.2f}×"]
                  for n in sizes for medium, (m, s) in writes[n].items()])
    # Daily reads.
    for name in DAILY:
        at_last, at_first = reads[last][name], reads[first][name]
        report.target(f"`{name}` ≤ 25 ms at {label(last)} and ≤ 1.5× its {label(first)} time",
                      f"{ms(at_last)} ({at_last / at_first:.2f}× {ms(at_first)})",
                      at_last <= 25 and at_last <= 1.5 * at_first)
    report.target(f"`progress` ≤ 100 ms at {label(last)}", ms(reads[last]["progress"]),
                  reads[last]["progress"] <= 100)
    history = pairs[last]["history --limit 50"]
    report.target("`history --limit 50` ≤ 1.3× the same query in sqlite3",
                  f"{ms(history[0])} vs {ms(history[1])}: {history[0] / history[1]:.2f}×",
                  history[0] <= 1.3 * history[1])
    worst_memory = max((kib, name, n) for n in sizes for name, kib in memory[n].items())
    report.target("peak memory of every command ≤ 12 MiB at every N",
                  f"largest: {worst_memory[1]} at {label(worst_memory[2])}, "
                  f"{worst_memory[0] / 1024:.1f} MiB", worst_memory[0] <= MEMORY_LIMIT_KIB)
    names = list(DAILY) + list(OTHER_READS)
    report.table("Read commands (median time)", ["command"] + [label(n) for n in sizes],
                 [[f"`{name}`"] + [ms(reads[n][name]) for n in sizes] for name in names])
    report.table("Next to the sqlite3 CLI doing the same reads",
                 ["command", "entries", "mgr", "sqlite3", "ratio"],
                 [[f"`{name}`", label(n), ms(m), ms(s), f"{m / s:.2f}×"]
                  for n in sizes for name, (m, s) in pairs[n].items()])
    memory_names = list(memory[first])
    report.table("Peak memory (MiB)", ["command"] + [label(n) for n in sizes],
                 [[f"`{name}`"] + [f"{memory[n][name] / 1024:.1f}" for n in sizes]
                  for name in memory_names])


def compare_taskwarrior(mgr, db, n, runs, work, shm, report):
    folder = Path(tempfile.mkdtemp(dir=shm))
    rc = make_taskwarrior(folder, n)
    copy = copy_db(db, folder)
    env = mgr_env(copy)
    env["TASKRC"] = str(rc)
    t = hyperfine({"mgr log": [mgr, "log", "ic", "30m", "benchmark"],
                   "task log": ["task", "log", "benchmark"]}, runs, env)
    summary_runs = max(3, runs // 4)
    s = hyperfine({"mgr review": [mgr, "review", "--format", "json"],
                   "task summary": ["task", "summary"]}, summary_runs, env, warmup=1)
    report.target(f"`mgr log` faster than `task log` at {label(n)}",
                  f"{ms(t['mgr log'])} vs {ms(t['task log'])}", t["mgr log"] < t["task log"])
    report.target(f"`mgr review` ≥ 20× faster than `task summary` at {label(n)}",
                  f"{ms(s['mgr review'])} vs {ms(s['task summary'])}: "
                  f"{s['task summary'] / s['mgr review']:.0f}×",
                  s["task summary"] >= 20 * s["mgr review"])
    report.table(f"Next to taskwarrior {task_version()} at {label(n)} (tmpfs)",
                 ["job", "mgr", "taskwarrior", "ratio"],
                 [["log one item", ms(t["mgr log"]), ms(t["task log"]),
                   f"{t['mgr log'] / t['task log']:.2f}×"],
                  ["weekly summary", ms(s["mgr review"]), ms(s["task summary"]),
                   f"{s['mgr review'] / s['task summary']:.3f}×"]])
    shutil.rmtree(folder, ignore_errors=True)


def task_version():
    return subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()


def timed(argv, env):
    """Runs argv once under GNU time: (seconds, peak KiB)."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(argv)}\n{result.stderr}")
    seconds, kib = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib)


def measure_archive(mgr, db, n, work, report):
    export = work / "export.json"
    export_s, export_kib = timed([mgr, "export", "--format", "json", "--output", str(export)],
                                 mgr_env(db))
    fresh = work / "imported.db"
    import_s, import_kib = timed([mgr, "import", str(export)], mgr_env(fresh))
    imported = int(subprocess.run(["sqlite3", str(fresh), "SELECT count(*) FROM entries"],
                                  capture_output=True, text=True, check=True).stdout)
    report.target(f"`mgr export` of {label(n)} entries ≤ 10 s",
                  f"{export_s:.1f} s, {export_kib / 1024:.0f} MiB", export_s <= 10)
    report.target("`mgr import` ≥ 100,000 entries/s",
                  f"{imported:,} entries in {import_s:.1f} s: {imported / import_s:,.0f}/s, "
                  f"{import_kib / 1024:.0f} MiB", imported / import_s >= 100_000)
    export.unlink()
    fresh.unlink()


if __name__ == "__main__":
    main()
