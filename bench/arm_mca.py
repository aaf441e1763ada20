#!/usr/bin/env python3
"""A static speed estimate of qcc's ARM GEMM microkernels, without ARM hardware.

Each kernel's inner loop (marked with QCC_MCA_BEGIN/END, compiled with
-DQCC_MCA_MARKERS by the cross compiler) goes through llvm-mca for Neoverse
N1 and Neoverse V1. The loop's int8 multiply-accumulates per cycle are set
against the core's peak, which llvm-mca gives for a loop of independent
instructions of the same kind under the same scheduling model:

  udot      16 MACs per instruction (4 lanes x 4 bytes)
  usmmla    32 MACs per instruction (2 x 2 outputs x 8)
  umull/umull2 + 2 uadalp: 16 MACs (the Armv8.0 kernel's unit of work)

    bench/arm_mca.py [--cxx aarch64-linux-gnu-g++] [--mca llvm-mca-22]
                     [--root .] [--out FILE.md]

Prints a markdown table; exits non-zero when a kernel or a core cannot be
analysed. Neoverse N1 (Armv8.2) has no i8mm, so its i8mm row says so.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# kernel: (source, marker, MACs per loop iteration, peak loop, features)
KERNELS = [
    ("neon 4x4", "GemmNeon.cpp", "neon-4x4", 4 * 4 * 16, "neon", ""),
    ("dotprod 8x8", "GemmDotprod.cpp", "dotprod-8x8", 8 * 8 * 16, "udot",
     "+dotprod"),
    ("i8mm 8x8", "GemmI8mm.cpp", "i8mm-8x8", 8 * 8 * 8, "usmmla",
     "+dotprod,+i8mm"),
]
CORES = [("Neoverse N1", "neoverse-n1", {"+i8mm"}),
         ("Neoverse V1", "neoverse-v1", set())]

# Independent instructions, so that only throughput limits them.
PEAK_LOOPS = {
    "udot": ("\n".join(f"udot v{i}.4s, v20.16b, v21.4b[0]" for i in range(16)),
             16 * 16),
    "usmmla": ("\n".join(f"usmmla v{i}.4s, v20.16b, v21.16b"
                         for i in range(16)), 16 * 32),
    "neon": ("\n".join(f"umull v{16 + i % 4}.8h, v28.8b, v29.8b\n"
                       f"umull2 v{20 + i % 4}.8h, v28.16b, v29.16b\n"
                       f"uadalp v{i}.4s, v{16 + i % 4}.8h\n"
                       f"uadalp v{i}.4s, v{20 + i % 4}.8h"
                       for i in range(8)), 8 * 16),
}


def mca(tool, cpu, attrs, asm_path):
    """{region: cycles per iteration} of every marked region."""
    iterations = 400
    cmd = [tool, "-mtriple=aarch64-linux-gnu", f"-mcpu={cpu}",
           f"-iterations={iterations}"]
    if attrs:
        cmd.append(f"-mattr={attrs}")
    out = subprocess.run(cmd + [asm_path], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} {asm_path}: {out.stderr.strip()}")
    cycles = {}
    name = "peak"
    for line in out.stdout.splitlines():
        m = re.match(r"\[\d+\] Code Region - (\S+)", line)
        if m:
            name = m.group(1)
        m = re.match(r"Total Cycles:\s+(\d+)", line)
        if m:
            cycles[name] = int(m.group(1)) / iterations
    return cycles


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cxx", default="aarch64-linux-gnu-g++")
    ap.add_argument("--mca", default="llvm-mca-22")
    ap.add_argument("--root", default=os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--out")
    args = ap.parse_args()
    src = os.path.join(args.root, "runtime", "src")
    lines = ["| kernel | core | MACs per loop | cycles per loop (llvm-mca) "
             "| MACs/cycle | core peak MACs/cycle | % of peak |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    with tempfile.TemporaryDirectory() as tmp:
        for label, source, marker, macs, peak_kind, attrs in KERNELS:
            asm = os.path.join(tmp, marker + ".s")
            subprocess.run([args.cxx, "-std=c++17", "-O3", "-S",
                            "-DQCC_MCA_MARKERS", "-I", src, "-I",
                            os.path.join(args.root, "runtime", "include"),
                            "-o", asm, os.path.join(src, "arm", source)],
                           check=True)
            peak_asm = os.path.join(tmp, peak_kind + ".s")
            with open(peak_asm, "w") as f:
                f.write(PEAK_LOOPS[peak_kind][0] + "\n")
            for core, cpu, lacks in CORES:
                if any(a in lacks for a in attrs.split(",") if a):
                    lines.append(f"| {label} | {core} | {macs} | - | - | - "
                                 f"| not implemented by the core |")
                    continue
                loop = mca(args.mca, cpu, attrs, asm)
                if marker not in loop:
                    raise RuntimeError(f"no region {marker} in {source}")
                peak = PEAK_LOOPS[peak_kind][1] / mca(args.mca, cpu, attrs,
                                                      peak_asm)["peak"]
                rate = macs / loop[marker]
                lines.append(f"| {label} | {core} | {macs} | "
                             f"{loop[marker]:.1f} | {rate:.1f} | {peak:.1f} | "
                             f"{100 * rate / peak:.0f} % |")
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.out:
        with open(args.out, "w") as f:
            f.write(table)


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print(f"arm_mca.py: {e}", file=sys.stderr)
        sys.exit(1)
