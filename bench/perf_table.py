#!/usr/bin/env python3
"""Markdown tables of docs/performance.md from qcc-bench's JSON output.

    qcc-bench --benchmark_min_time=0.2 \
        --benchmark_out=all.json --benchmark_out_format=json
    qcc-bench --benchmark_min_time=0.2 --onednn-max-isa=avx512_core_vnni \
        --benchmark_filter='peak|onednn' \
        --benchmark_out=vnni.json --benchmark_out_format=json
    bench/perf_table.py all.json vnni.json

The second run is optional: oneDNN kept off AMX, beside qcc's avx512-vnni
path. Ratios are qcc's time over the other's, inverted: > 1 is qcc faster.
"qcc float rule" is qcc's best path computing oneDNN's and XNNPACK's
requantization (float32 scale, rounded half to even) instead of its default
double rounding: the same output as oneDNN's.
The models' ONNX Runtime columns, and the table of both engines timed in
alternating blocks (model/qcc-vs-onnxruntime/...), are there when the run
had it (scripts/bench installs it).
"""
import json
import re
import sys


def load(path):
    """Each benchmark by its name; with repetitions (scripts/bench), the
    median of them."""
    with open(path) as f:
        runs = json.load(f)["benchmarks"]
    if any(b.get("run_type") == "aggregate" for b in runs):
        runs = [b for b in runs if b.get("aggregate_name") == "median"]
        for b in runs:
            b["name"] = b["run_name"]
    # Registration order: random interleaving reports in a random order.
    runs.sort(key=lambda b: (b.get("family_index", 0),
                             b.get("per_family_instance_index", 0)))
    return {re.sub(r"(/iterations:\d+)?/(real|manual)_time$", "", b["name"]): b
            for b in runs}


def gops(runs, name):
    b = runs.get(name)
    return b["GOPS"] if b and "GOPS" in b else None


def fmt(v, digits=0):
    return "-" if v is None else f"{v:,.{digits}f}"


def ratio(a, b):
    return "-" if a is None or b is None else f"{a / b:.2f}x"


def main():
    runs = load(sys.argv[1])
    vnni = load(sys.argv[2]) if len(sys.argv) > 2 else {}
    peak = gops(runs, "peak/vpdpbusd zmm (avx512-vnni)")
    reps = max((b.get("repetitions", 1) for b in runs.values()), default=1)
    if reps > 1:
        print(f"Every figure: the median of {reps} repetitions in a random "
              "order.\n")
    print(f"vpdpbusd zmm peak: {fmt(peak)} GOPS; "
          f"ymm: {fmt(gops(runs, 'peak/vpdpbusd ymm (avx-vnni)'))} GOPS\n")
    problems = []
    for name in runs:
        m = re.match(r"(gemm|conv)/qcc/([^/]+(?:/cold)?)$", name)
        if m and not name.endswith(("/avx512-vnni", "/avx-vnni", "/avx2",
                                    "/reference", "/float-rule")):
            problems.append((m.group(1), m.group(2)))
    print("| problem | qcc best path | qcc avx512-vnni | % of zmm peak "
          "(best, vnni) | oneDNN (AMX allowed) | oneDNN avx512_core_vnni | "
          "XNNPACK | best / oneDNN | vnni / oneDNN-vnni | best / XNNPACK | "
          "qcc float rule | float rule / oneDNN |")
    print("| --- |" + " ---: |" * 11)
    for kind, shape in problems:
        q = gops(runs, f"{kind}/qcc/{shape}")
        qv = gops(runs, f"{kind}/qcc/{shape}/avx512-vnni") or (
            q if shape.endswith("cold") else None)
        d = gops(runs, f"{kind}/onednn/{shape}")
        dv = gops(vnni, f"{kind}/onednn/{shape}")
        x = gops(runs, f"{kind}/xnnpack/{shape}")
        # The rule oneDNN and XNNPACK compute (qcc's default is exact
        # double rounding).
        f = gops(runs, f"{kind}/qcc/{shape}/float-rule")
        pct = "-" if peak is None or q is None else (
            f"{100 * q / peak:.0f}%, " +
            ("-" if qv is None else f"{100 * qv / peak:.0f}%"))
        print(f"| {kind} {shape} | {fmt(q)} | {fmt(qv)} | {pct} | {fmt(d)} | "
              f"{fmt(dv)} | {fmt(x)} | {ratio(q, d)} | {ratio(qv, dv)} | "
              f"{ratio(q, x)} | {fmt(f)} | {ratio(f, d)} |")
    adds = [n.split("/")[2] for n in runs
            if re.match(r"add/qcc/[^/]+$", n)]
    if adds:
        print("\n| add | qcc (us) | qcc float rule (us) | oneDNN (us) | "
              "XNNPACK (us) | qcc / oneDNN | qcc / XNNPACK |")
        print("| --- |" + " ---: |" * 6)
        for shape in adds:
            names = [f"add/qcc/{shape}", f"add/qcc/{shape}/float-rule",
                     f"add/onednn/{shape}", f"add/xnnpack/{shape}"]
            times = [runs.get(n, {}).get("real_time") for n in names]
            q, _, d, x = (gops(runs, n) for n in names)
            print(f"| {shape} | " + " | ".join(fmt(t, 1) for t in times) +
                  f" | {ratio(q, d)} | {ratio(q, x)} |")
    threads = [n for n in runs if n.endswith("/threads:2") and
               n.startswith("gemm/qcc/")]
    if threads:
        print("\n| GEMM, 2 threads | qcc 1 thread | qcc 2 threads | speed-up "
              "| oneDNN 2 threads |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for n in threads:
            shape = n.split("/")[2]
            one, two = gops(runs, f"gemm/qcc/{shape}"), gops(runs, n)
            print(f"| {shape} | {fmt(one)} | {fmt(two)} | {ratio(two, one)} | "
                  f"{fmt(gops(runs, f'gemm/onednn/{shape}/threads:2'))} |")
    models = [n for n in runs if n.startswith("model/qcc/")]
    if models:
        print("\n| model | time (us) | GOPS | how | ONNX Runtime, same "
              "threads (us) | ONNX Runtime / qcc |")
        print("| --- | ---: | ---: | --- | ---: | ---: |")
        for n in models:
            b = runs[n]
            how = b.get("label", "").split(";")[0].replace("qcc JIT ", "")
            model = n[len("model/qcc/"):]
            # ONNX Runtime runs each model on 1 and on 2 threads only.
            ort = runs.get("model/onnxruntime/" + model.split("/")[0] +
                           ("/threads:2" if model.endswith("/threads:2")
                            else ""))
            ort_time = ort["real_time"] if ort and "error_occurred" not in ort \
                else None
            print(f"| {model} | {b['real_time']:,.0f} | "
                  f"{fmt(gops(runs, n))} | {how} | {fmt(ort_time)} | "
                  f"{ratio(ort_time, b['real_time'])} |")

    paired = [n for n in runs if n.startswith("model/qcc-vs-onnxruntime/")
              and "error_occurred" not in runs[n]]
    if paired:
        print("\n| model, 1 thread, alternating blocks | qcc (us) | "
              "ONNX Runtime (us) | ONNX Runtime / qcc (median of rounds) |")
        print("| --- | ---: | ---: | ---: |")
        for n in paired:
            b = runs[n]
            print(f"| {n[len('model/qcc-vs-onnxruntime/'):]} | "
                  f"{fmt(b.get('qcc_us'))} | {fmt(b.get('onnxruntime_us'))} | "
                  f"{b['speedup']:.2f}x |")


if __name__ == "__main__":
    main()
