#!/usr/bin/env python3
"""Renders docs/BENCHMARKS.md from a results CSV of ipc-benchmarks (scenario,payload_bytes,p50_ns,p99_ns,ratio_to_raw).

usage: render.py RESULTS.csv OUT.md --mode full|quick --jdk "openjdk 17.0.15" [--idle-cpu "0.00 ms/s"]
                 [--alloc ALLOC.csv] [--quick-runs QUICK.csv...]
       render.py --compare FULL.csv QUICK.csv...
The machine (cores, CPU model) is read from this machine: render right after the run, where it ran.
--quick-runs adds, for quick runs of the same build, each row's ratio in each quick run against the full run's, and
their spread; --compare prints that table alone, as text.
"""
import argparse
import csv
import datetime
import os
import platform
import sys


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def size(n):
    n = int(n)
    if n == 0:
        return "-"
    if n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} B"


def dur(ns):
    ns = int(ns)
    if ns < 1000:
        return f"{ns} ns"
    if ns < 10_000_000:
        return f"{ns / 1000:.1f} µs"
    return f"{ns / 1e6:.1f} ms"


BASELINE = {"inproc": "inproc-handoff", "send": "send-raw-uds", "coldstart": "coldstart-jvm",
            "concurrency": "concurrency-raw-uds", "stream": "stream-raw-uds", "port": "port-ipc4j-untyped"}
TOLERANCE = 0.15  # how far a quick run's ratio may lie from the full run's
ALLOC_BOUND = 300  # bytes per in-process call


def read(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def ratios(rows):
    """Each compared row's ratio to its baseline, keyed by (scenario, payload); baselines themselves left out."""
    return {(r["scenario"], int(r["payload_bytes"])): float(r["ratio_to_raw"]) for r in rows
            if r["ratio_to_raw"] and r["scenario"] != baseline(r["scenario"])}


def deviations(full, quicks):
    """Rows of (scenario, payload, full ratio, [quick ratio or None], [deviation or None]), in the full run's order."""
    full_ratios = ratios(full)
    quick_ratios = [ratios(q) for q in quicks]
    out = []
    for key, value in full_ratios.items():
        qs = [q.get(key) for q in quick_ratios]
        devs = [None if q is None or not value else q / value - 1 for q in qs]
        out.append((key[0], key[1], value, qs, devs))
    return out


def spread(devs):
    """The largest deviation of any quick run from the full run, and how many of all quick ratios lie within TOLERANCE."""
    flat = [d for _, _, _, _, ds in devs for d in ds if d is not None]
    if not flat:
        return None, 0, 0
    return max(abs(d) for d in flat), sum(1 for d in flat if abs(d) <= TOLERANCE), len(flat)


def compare_table(devs, n):
    head = "| scenario | payload | full | " + " | ".join(f"quick {i + 1}" for i in range(n)) + " | largest deviation |"
    lines = [head, "| --- | ---: | ---: | " + " | ".join("---:" for _ in range(n)) + " | ---: |"]
    for scenario, payload, value, qs, ds in devs:
        cells = [f"{q:.2f}× ({d:+.0%})" if q is not None else "-" for q, d in zip(qs, ds)]
        worst = max((abs(d) for d in ds if d is not None), default=None)
        lines.append(f"| `{scenario}` | {size(payload)} | {value:.2f}× | " + " | ".join(cells)
                     + f" | {'' if worst is None else f'{worst:.0%}'} |")
    return lines


def compare(argv):
    if len(argv) < 2:
        raise SystemExit("usage: render.py --compare FULL.csv QUICK.csv...")
    devs = deviations(read(argv[0]), [read(p) for p in argv[1:]])
    print("\n".join(compare_table(devs, len(argv) - 1)))
    worst, within, total = spread(devs)
    if worst is not None:
        print(f"\nlargest deviation {worst:.0%}; {within} of {total} quick ratios within ±{TOLERANCE:.0%} of the full run's")


def baseline(scenario):
    if scenario.startswith("inproc-main-"):
        return "inproc-" + scenario[len("inproc-main-"):]
    if scenario.startswith("main-"):
        return scenario[len("main-"):]
    return BASELINE.get(scenario.split("-")[0], "raw-uds")


def stream_section(rows):
    """The stream rows as throughput, each against raw frames and against one-way send of the same run."""
    chosen = [r for r in rows if r["scenario"].startswith("stream-")]
    if not chosen:
        return []
    p50 = {r["scenario"]: int(r["p50_ns"]) for r in chosen}
    out = ["## Stream throughput (64-byte items, one way)\n",
           "A renderer JVM subscribes with `ipcRenderer.stream` to a host handler that returns a `Flow.Publisher` "
           "of 64-byte items (`stream-ipc4j`); it asks for 256 items at first, then for 128 more each time 128 "
           "have arrived, as a consumer that keeps the stream flowing does. `stream-send-ipc4j` sends the same "
           "items one way from the same JVM with `@Send` (then one call, answered after all of them), and "
           "`stream-raw-uds` writes them as length-prefixed frames pipelined on a Unix socket; "
           "`stream-ipc4j-inproc` streams to a renderer thread of an in-process host. The four take turns round "
           "by round; each row is the median round's time per item (the slowest round's in the last column).\n",
           "| scenario | items/s | time per item | slowest round | share of raw | share of send |",
           "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in chosen:
        ns = p50[r["scenario"]]
        raw = p50.get("stream-raw-uds")
        send = p50.get("stream-send-ipc4j")
        out.append(f"| `{r['scenario']}` | {1e9 / ns:,.0f} | {dur(ns)} | {dur(r['p99_ns'])} "
                   f"| {f'{raw / ns:.0%}' if raw else ''} | {f'{send / ns:.0%}' if send else ''} |")
    out.append("")
    return out


def port_section(rows):
    """The port round trips against the renderer-to-main invoke of the same run."""
    chosen = [r for r in rows if r["scenario"].startswith("port-")]
    if not chosen:
        return []
    out = ["## Port round trip (64 bytes)\n",
           "Renderer JVM A posts on a `MessagePort` and waits for the echo: from renderer JVM B, which holds the "
           "other end (`port-r2r`; the host relays both ways), or from a `MessagePortMain` in the host "
           "(`port-main`); `port-ipc4j-untyped` is A's untyped `invoke` of the host's echo, the renderer to main "
           "round trip. The three take turns round by round, all timed in A; the ratio is against the invoke.\n",
           "| scenario | p50 | p99 | p50 ratio | baseline |",
           "| --- | ---: | ---: | ---: | --- |"]
    chosen.sort(key=lambda r: r["scenario"] != baseline(r["scenario"]))
    for r in chosen:
        ratio = f"{float(r['ratio_to_raw']):.2f}×" if r["ratio_to_raw"] else ""
        out.append(f"| `{r['scenario']}` | {dur(r['p50_ns'])} | {dur(r['p99_ns'])} | {ratio} "
                   f"| `{baseline(r['scenario'])}` |")
    out.append("")
    return out


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--compare":
        compare(sys.argv[2:])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("out")
    ap.add_argument("--mode", required=True)
    ap.add_argument("--jdk", required=True)
    ap.add_argument("--idle-cpu", default="")
    ap.add_argument("--alloc", default="", help="CSV written by --jmh --csv: benchmark,ns_per_op,bytes_per_op")
    ap.add_argument("--quick-runs", nargs="*", default=[], help="CSVs of --quick runs of the same build")
    args = ap.parse_args()
    rows = read(args.csv)
    groups = [
        ("Cross-process round trip (a renderer JVM calls the host JVM)",
         lambda r: r["scenario"] in ("raw-uds", "raw-tcp", "ipc4j-generated", "ipc4j-untyped", "rmi", "grpc")),
        ("The main process invokes a renderer (against the same call from the renderer)",
         lambda r: r["scenario"].startswith("main-") or r["scenario"].startswith("inproc-main-")),
        ("One-way send throughput (time per 64-byte message, pipelined)", lambda r: r["scenario"].startswith("send-")),
        ("In-process round trip (64 bytes)",
         lambda r: r["scenario"].startswith("inproc-") and not r["scenario"].startswith("inproc-main-")),
        ("Cold start", lambda r: r["scenario"].startswith("coldstart-")),
    ]
    concurrency = [r for r in rows if r["scenario"].startswith("concurrency-")]
    out = []
    out.append("# Benchmarks\n")
    out.append("Rendered by `ipc-benchmarks/render.py` from `ipc-benchmarks/results/latest.csv`, which one run of "
               "`java -jar ipc-benchmarks/target/ipc-benchmarks.jar" + (" --quick" if args.mode == "quick" else "")
               + " --csv ipc-benchmarks/results/latest.csv` wrote.\n")
    out.append(f"- machine: {os.cpu_count()} cores, {cpu_model()}, {platform.system()} {platform.release()}")
    out.append(f"- JDK: {args.jdk}")
    out.append(f"- mode: {args.mode}; rendered {datetime.date.today().isoformat()}")
    if args.idle_cpu:
        out.append(f"- CPU used by an idle host with one renderer: {args.idle_cpu}")
    out.append("")
    out.append("Every ratio compares a row with a baseline measured in the same run (the machine is shared and "
               "absolute times drift): cross-process rows with `raw-uds` at the same payload (blocking Unix "
               "socket ping-pong with length-prefixed frames, the practical limit; `raw-tcp` is the same ping-pong over TCP "
               "on loopback, the transport RMI and gRPC use), one-way rows with "
               "`send-raw-uds`, the concurrency rows with `concurrency-raw-uds`, in-process rows with "
               "`inproc-handoff` (a bare hand-off to another thread whose "
               "waiter spins, then parks), cold start with `coldstart-jvm` (a JVM that starts and exits). "
               "Cross-process rows (raw sockets, ipc4j, RMI, gRPC) take turns round by round at each payload, as "
               "do the spinning hand-off and the ipc4j in-process rows, so drift in the machine weighs on all "
               "alike. Every JVM of the steady-state rows (the benchmark's own, the peers and the renderers) "
               "runs with `-XX:+UseTransparentHugePages`, and the cold-start rows start JVMs as they come "
               "(see ipc-benchmarks/README.md).\n")
    p50 = {(r["scenario"], int(r["payload_bytes"])): int(r["p50_ns"]) for r in rows}

    def ratio(a, b):
        return p50[a] / p50[b] if a in p50 and b in p50 and p50[b] else None

    p99 = {(r["scenario"], int(r["payload_bytes"])): int(r["p99_ns"]) for r in rows}

    def ratio99(a, b):
        return p99[a] / p99[b] if a in p99 and b in p99 and p99[b] else None

    kib, mib = 1024, 1024 * 1024
    targets = [
        ("cross-process invoke p50 ≤ 1.1× raw socket, 64 B", ratio(("ipc4j-generated", 64), ("raw-uds", 64)), "≤", 1.1),
        ("cross-process invoke p50 ≤ 1.1× raw socket, 4 KiB", ratio(("ipc4j-generated", 4 * kib), ("raw-uds", 4 * kib)),
         "≤", 1.1),
    ]
    for size_bytes, label in ((64, "64 B"), (4 * kib, "4 KiB"), (256 * kib, "256 KiB"), (3 * mib, "3 MiB")):
        targets.append((f"faster than Java RMI (RMI p50 / ipc4j p50), {label}",
                        ratio(("rmi", size_bytes), ("ipc4j-generated", size_bytes)), "≥", 1.0))
    for size_bytes, label in ((256 * kib, "256 KiB"), (3 * mib, "3 MiB")):
        targets.append((f"cross-process invoke p50 ≤ 1.3× raw socket, {label}",
                        ratio(("ipc4j-generated", size_bytes), ("raw-uds", size_bytes)), "≤", 1.3))
        targets.append((f"cross-process invoke p99 ≤ 1.5× raw socket's p99, {label}",
                        ratio99(("ipc4j-generated", size_bytes), ("raw-uds", size_bytes)), "≤", 1.5))
    targets += [
        ("at least 3× faster than gRPC (gRPC p50 / ipc4j p50), 64 B", ratio(("grpc", 64), ("ipc4j-generated", 64)), "≥", 3.0),
        ("in-process generated invoke ≤ 1.5× the spinning hand-off",
         ratio(("inproc-generated", 64), ("inproc-handoff", 64)), "≤", 1.5),
        ("one-way send ≥ 50% of raw pipelined throughput", ratio(("send-raw-uds", 64), ("send-ipc4j", 64)), "≥", 0.5),
        ("main → renderer invoke ≤ 1.1× renderer → main, cross-process 64 B",
         ratio(("main-ipc4j-generated", 64), ("ipc4j-generated", 64)), "≤", 1.1),
        ("main → renderer invoke ≤ 1.1× renderer → main, in process",
         ratio(("inproc-main-generated", 64), ("inproc-generated", 64)), "≤", 1.1),
        ("concurrency ≥ 50% of raw throughput (4 JVMs × 8 threads), 64 B",
         ratio(("concurrency-raw-uds", 64), ("concurrency-ipc4j-generated", 64)), "≥", 0.5),
        ("concurrency ≥ 50% of raw throughput (4 JVMs × 8 threads), 16 KiB",
         ratio(("concurrency-raw-uds", 16384), ("concurrency-ipc4j-generated", 16384)), "≥", 0.5),
        ("stream items ≥ 70% of send throughput (send time per item / stream time per item), 64 B",
         ratio(("stream-send-ipc4j", 64), ("stream-ipc4j", 64)), "≥", 0.7),
        ("cold start ≤ 1.3× a bare JVM start", ratio(("coldstart-ipc4j", 0), ("coldstart-jvm", 0)), "≤", 1.3),
        ("cold start with class-data sharing ≤ 1.3× a bare JVM start",
         ratio(("coldstart-ipc4j-cds", 0), ("coldstart-jvm", 0)), "≤", 1.3),
    ]
    if args.alloc:
        with open(args.alloc) as f:
            generated = [r for r in csv.DictReader(f) if r["benchmark"] == "generated"]
        if generated:
            targets.append(("bytes allocated per in-process generated invoke ≤ 300 (JMH `-prof gc`)",
                            float(generated[0]["bytes_per_op"]), "≤", ALLOC_BOUND))
    devs = deviations(rows, [read(p) for p in args.quick_runs]) if args.quick_runs else []
    worst, within, total = spread(devs) if devs else (None, 0, 0)
    if args.quick_runs:
        targets.append((f"{len(args.quick_runs)} quick runs' ratios within ±15% of the full run's: the largest "
                        f"deviation ({within} of {total} within)", worst, "≤", TOLERANCE))
    out.append("## Targets\n")
    out.append("| target | measured | met |")
    out.append("| --- | ---: | :---: |")
    for name, value, op, bound in targets:
        if value is None:
            out.append(f"| {name} | not measured | |")
            continue
        met = value <= bound if op == "≤" else value >= bound
        shown = (f"{value:.0%}" if bound == TOLERANCE  # the spread reads as a percentage
                 else f"{value:.0f} B" if bound == ALLOC_BOUND else f"{value:.2f}")
        out.append(f"| {name} | {shown} | {'yes' if met else 'no'} |")
    out.append("")
    for title, keep in groups:
        chosen = [r for r in rows if keep(r)]
        if not chosen:
            continue
        out.append(f"## {title}\n")
        out.append("| scenario | payload | p50 | p99 | p50 ratio | baseline |")
        out.append("| --- | ---: | ---: | ---: | ---: | --- |")
        chosen.sort(key=lambda r: (int(r["payload_bytes"]), r["scenario"] != baseline(r["scenario"])))
        for r in chosen:
            ratio = f"{float(r['ratio_to_raw']):.2f}×" if r["ratio_to_raw"] else ""
            out.append(f"| `{r['scenario']}` | {size(r['payload_bytes'])} | {dur(r['p50_ns'])} | {dur(r['p99_ns'])} "
                       f"| {ratio} | `{baseline(r['scenario'])}` |")
        out.append("")
    if concurrency:
        out.append("## Throughput under concurrency (4 renderer JVMs × 8 threads, all calling at once)\n")
        out.append("Each thread calls echo in a loop for a fixed time: through ipc4j's generated client (the "
                   "threads of a JVM share its one connection), or, for `concurrency-raw-uds`, each over a raw "
                   "Unix socket of its own to a thread-per-connection echo server in the host JVM. Calls per second "
                   "are of all JVMs together (the median round); MB/s counts each call's payload once; the ratio "
                   "is ipc4j's throughput over raw's.\n")
        out.append("| scenario | payload | calls/s | MB/s | share of raw | baseline |")
        out.append("| --- | ---: | ---: | ---: | ---: | --- |")
        concurrency.sort(key=lambda r: (int(r["payload_bytes"]), r["scenario"] != baseline(r["scenario"])))
        for r in concurrency:
            per_second = 1e9 / int(r["p50_ns"])
            share = f"{1 / float(r['ratio_to_raw']):.0%}" if r["ratio_to_raw"] else ""
            out.append(f"| `{r['scenario']}` | {size(r['payload_bytes'])} | {per_second:,.0f} "
                       f"| {per_second * int(r['payload_bytes']) / 1e6:.1f} | {share} | `{baseline(r['scenario'])}` |")
        out.append("")
    out.extend(stream_section(rows))
    out.extend(port_section(rows))
    if devs:
        out.append("## The quick mode against the full mode\n")
        out.append(f"Each row's ratio in {len(args.quick_runs)} runs of `--quick` (same build, same machine) against "
                   f"the full run's above, and how far it lies from it. The {len(args.quick_runs)} quick runs' spread: the largest "
                   f"deviation is {worst:.0%}; {within} of {total} quick ratios lie within ±15%.\n")
        out.extend(compare_table(devs, len(args.quick_runs)))
        out.append("")
    if args.alloc:
        with open(args.alloc) as f:
            alloc = list(csv.DictReader(f))
        out.append("## Time and allocation per in-process call (JMH, `-prof gc`)\n")
        out.append("From `java -jar ipc-benchmarks/target/ipc-benchmarks.jar --jmh --csv FILE` (average time per "
                   "operation, so parked waits count; bytes allocated per operation by all threads). JMH runs the "
                   "benchmarks one after another, so its times move with the machine's phase (the same code "
                   "measured 0.9 and 2.8 µs minutes apart here): compare times in the turn-taking tables above, "
                   "and read this table for the bytes.\n")
        out.append("| benchmark | time per call | bytes allocated per call |")
        out.append("| --- | ---: | ---: |")
        for r in alloc:
            out.append(f"| `{r['benchmark']}` | {float(r['ns_per_op']):.0f} ns | {r['bytes_per_op']} B |")
        out.append("")
    with open(args.out, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
