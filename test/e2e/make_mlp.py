#!/usr/bin/env python3
"""Writes a two-layer quantized MLP in qgraph QDQ form, an input, and the
outputs qcc must produce, computed here independently of qcc's C++ code.

Layer 1 has float weights behind quantize/dequantize (per-channel int8, as
PyTorch's FX reference export writes them) and a float bias; layer 2 has int8
weights and an int32 bias already quantized (as torch.onnx.export writes
them), per tensor, with a requantization scale that is a power of two, so
that exact ties occur and each numerics mode gives different bits.
Activations are uint8.

The expected outputs follow the published definitions, written again here in
Python integers: ONNX QuantizeLinear (float32 division, round half to even,
saturate), gemmlowp's SaturatingRoundingDoublingHighMul and
RoundingDivideByPOT (numerics int), TFLITE_SINGLE_ROUNDING
(int-single-round), float32 scale with round half to even (onnx).

Standard library only, so that regenerating needs nothing installed:
    test/e2e/make_mlp.py OUTDIR [--seed N]
"""
import argparse
import math
import os
import random
import struct

M, K, H, N = 16, 32, 24, 10


def f32(x):
    """x rounded to float32 (a double holding a float32 value)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def f32_div(a, b):
    # a / b in double, rounded to float32, is the correctly rounded float32
    # quotient: double has more than 2 * 24 + 2 bits.
    return f32(a / b)


def f32_mul(a, b):
    return f32(a * b)


def quantize(x, scale, zp, lo, hi):
    """ONNX QuantizeLinear."""
    v = round(f32_div(x, scale))  # Python's round is half to even
    return max(lo, min(hi, v + zp))


def dequantize(q, scale, zp):
    return f32_mul(float(q - zp), scale)


def wrap32(v):
    return (v + 2**31) % 2**32 - 2**31


def quantize_multiplier(real):
    """frexp, Q31 mantissa rounded half away from zero, carry to 2^31."""
    mant, exp = math.frexp(real)
    q = math.floor(mant * 2**31 + 0.5)
    if q == 2**31:
        q //= 2
        exp += 1
    assert -31 <= exp <= 30
    return q, exp


def srdhm(a, b):
    if a == b == -(2**31):
        return 2**31 - 1
    ab = a * b
    nudge = 2**30 if ab >= 0 else 1 - 2**30
    t = ab + nudge
    # C division truncates toward zero.
    q = abs(t) // 2**31
    return q if t >= 0 else -q


def rdbpot(x, exponent):
    mask = (1 << exponent) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> exponent) + (1 if remainder > threshold else 0)


def sat32(v):
    return max(-(2**31), min(2**31 - 1, v))


def rescale(acc, real, mode, sx, sw, sy):
    if mode == "onnx":
        scale = f32_div(f32_mul(sx, sw), sy)
        v = f32_mul(f32(float(acc)), scale)
        return None, v
    mult, shift = quantize_multiplier(real)
    if mode == "int":
        left = max(shift, 0)
        right = max(-shift, 0)
        x = sat32(acc * 2**left)
        return rdbpot(srdhm(x, mult), right), None
    total = 31 - shift
    return sat32((acc * mult + (1 << (total - 1))) >> total), None


def requantize(acc, mode, sx, sw, sy, zp, lo, hi):
    real = sx * sw / sy
    scaled, fv = rescale(acc, real, mode, sx, sw, sy)
    if fv is not None:
        v = max(float(lo - zp), min(float(hi - zp), fv))
        return int(round(v)) + zp
    return max(lo, min(hi, scaled + zp))


def scale_for(lo, hi, qmin, qmax):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    s = f32((hi - lo) / (qmax - qmin))
    zp = int(round(qmin - lo / s))
    return s, max(qmin, min(qmax, zp))


def fmt(v):
    return repr(float(v))


def dense(rows):
    if isinstance(rows[0], list):
        return "[" + ", ".join(dense(r) for r in rows) + "]"
    return "[" + ", ".join(str(v) if isinstance(v, int) else fmt(v) for v in rows) + "]"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    x = [[f32(rng.uniform(-1, 1)) for _ in range(K)] for _ in range(M)]
    w1 = [[f32(rng.gauss(0, 0.3)) for _ in range(K)] for _ in range(H)]
    b1 = [f32(rng.uniform(-0.2, 0.2)) for _ in range(H)]
    w2q = [[rng.randint(-8, 8) for _ in range(H)] for _ in range(N)]
    b2q = [rng.randint(-200, 200) for _ in range(N)]
    sw2 = 2.0**-8

    # Activation scales from a float pass over the input ("calibration").
    sx, zx = scale_for(min(map(min, x)), max(map(max, x)), 0, 255)
    sw1 = [f32(max(abs(v) for v in row) / 127.0) for row in w1]
    h_float = [[max(0.0, sum(x[m][k] * w1[n][k] for k in range(K)) + b1[n])
                for n in range(H)] for m in range(M)]
    sh, zh = scale_for(0.0, max(map(max, h_float)), 0, 255)
    y_float = [[sum(h_float[m][k] * (w2q[n][k] * sw2) for k in range(H)) +
                b2q[n] * sh * sw2 for n in range(N)] for m in range(M)]
    sy, zy = scale_for(min(map(min, y_float)), max(map(max, y_float)), 0, 255)
    # Make layer 2's requantization scale sh * sw2 / sy a power of two, so
    # that exact ties occur and the three rounding rules disagree on them.
    sy = f32(sh * sw2 * 2.0**round(math.log2(sy / (sh * sw2))))
    zy = max(0, min(255, int(round(-min(map(min, y_float)) / sy))))

    os.makedirs(args.outdir, exist_ok=True)
    qx = f"!quant.uniform<u8:f32, {fmt(sx)}:{zx}>"
    qw1 = "!quant.uniform<i8<-127:127>:f32:0, {" + ", ".join(fmt(s) for s in sw1) + "}>"
    qh = f"!quant.uniform<u8:f32, {fmt(sh)}:{zh}>"
    qw2 = f"!quant.uniform<i8<-127:127>:f32, {fmt(sw2)}>"
    qb2 = f"!quant.uniform<i32:f32, {fmt(sh * sw2)}>"
    qy = f"!quant.uniform<u8:f32, {fmt(sy)}:{zy}>"
    mlir = f"""// Generated by test/e2e/make_mlp.py --seed {args.seed}: a two-layer MLP
// {K} -> {H} (ReLU) -> {N} on a batch of {M}, in QDQ form. Layer 1: float weights
// behind quantize/dequantize, per-channel int8, float bias. Layer 2: int8
// weights and an int32 bias, per tensor.
func.func @main(%x: tensor<{M}x{K}xf32> {{qcc.name = "x"}}) -> (tensor<{M}x{N}xf32> {{qcc.name = "y"}}) {{
  %xq = qgraph.quantize %x : tensor<{M}x{K}xf32> -> tensor<{M}x{K}x{qx}> loc("input_quant")
  %xd = qgraph.dequantize %xq : tensor<{M}x{K}x{qx}> -> tensor<{M}x{K}xf32> loc("input_dequant")
  %w1 = qgraph.constant dense<{dense(w1)}> : tensor<{H}x{K}xf32> loc("fc1.weight")
  %w1q = qgraph.quantize %w1 : tensor<{H}x{K}xf32> -> tensor<{H}x{K}x{qw1}> loc("fc1.weight_quant")
  %w1d = qgraph.dequantize %w1q : tensor<{H}x{K}x{qw1}> -> tensor<{H}x{K}xf32> loc("fc1.weight_dequant")
  %b1 = qgraph.constant dense<{dense(b1)}> : tensor<{H}xf32> loc("fc1.bias")
  %h = qgraph.linear %xd, %w1d, %b1 : (tensor<{M}x{K}xf32>, tensor<{H}x{K}xf32>, tensor<{H}xf32>) -> tensor<{M}x{H}xf32> loc("fc1")
  %hr = qgraph.relu %h : tensor<{M}x{H}xf32> loc("relu1")
  %hq = qgraph.quantize %hr : tensor<{M}x{H}xf32> -> tensor<{M}x{H}x{qh}> loc("fc1_quant")
  %hd = qgraph.dequantize %hq : tensor<{M}x{H}x{qh}> -> tensor<{M}x{H}xf32> loc("fc1_dequant")
  %w2q = qgraph.constant dense<{dense(w2q)}> : tensor<{N}x{H}xi8> -> tensor<{N}x{H}x{qw2}> loc("fc2.weight")
  %w2d = qgraph.dequantize %w2q : tensor<{N}x{H}x{qw2}> -> tensor<{N}x{H}xf32> loc("fc2.weight_dequant")
  %b2q = qgraph.constant dense<{dense(b2q)}> : tensor<{N}xi32> -> tensor<{N}x{qb2}> loc("fc2.bias")
  %b2d = qgraph.dequantize %b2q : tensor<{N}x{qb2}> -> tensor<{N}xf32> loc("fc2.bias_dequant")
  %y = qgraph.linear %hd, %w2d, %b2d : (tensor<{M}x{H}xf32>, tensor<{N}x{H}xf32>, tensor<{N}xf32>) -> tensor<{M}x{N}xf32> loc("fc2")
  %yq = qgraph.quantize %y : tensor<{M}x{N}xf32> -> tensor<{M}x{N}x{qy}> loc("output_quant")
  %yd = qgraph.dequantize %yq : tensor<{M}x{N}x{qy}> -> tensor<{M}x{N}xf32> loc("output_dequant")
  return %yd : tensor<{M}x{N}xf32>
}}
"""
    with open(os.path.join(args.outdir, "mlp.mlir"), "w") as f:
        f.write(mlir)
    with open(os.path.join(args.outdir, "mlp_input.bin"), "wb") as f:
        f.write(struct.pack(f"<{M * K}f", *[v for row in x for v in row]))

    # The integer computation, in Python integers.
    xq = [[quantize(v, sx, zx, 0, 255) for v in row] for row in x]
    w1q = [[quantize(v, sw1[n], 0, -127, 127) for v in w1[n]] for n in range(H)]
    b1q = [round(b1[n] / (sx * sw1[n])) for n in range(H)]
    for mode in ("int", "int-single-round", "onnx"):
        hq = [[requantize(wrap32(b1q[n] + sum((xq[m][k] - zx) * w1q[n][k]
                                              for k in range(K))),
                          mode, sx, sw1[n], sh, zh, max(0, zh), 255)
               for n in range(H)] for m in range(M)]
        yq = [[requantize(wrap32(b2q[n] + sum((hq[m][k] - zh) * w2q[n][k]
                                              for k in range(H))),
                          mode, sh, sw2, sy, zy, 0, 255)
               for n in range(N)] for m in range(M)]
        y = [dequantize(v, sy, zy) for row in yq for v in row]
        with open(os.path.join(args.outdir, f"mlp_expected_{mode}.bin"), "wb") as f:
            f.write(struct.pack(f"<{M * N}f", *y))


if __name__ == "__main__":
    main()
