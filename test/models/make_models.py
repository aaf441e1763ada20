#!/usr/bin/env python3
"""Writes qcc's own test models, in the corpus format of
../shared/corpus/README.md, with their reference outputs.

They cover what the shared corpus does not: AveragePool with padding and
ceil_mode, MaxPool with dilation, Clip kept as a clamp and Clip made
redundant by the output range, Concat of differently quantized inputs,
per-channel asymmetric weights, int8 activations, dilated and grouped Conv
with asymmetric padding, uint8 weights, quantize/dequantize moved through
Transpose/Reshape/Flatten, a residual Add with ReLU, the QOperator form on
uint8 tensors, and dynamic quantization of a rank-3 MatMul.

The reference tool is "onnx-spec-numpy" (onnx_spec.py: each operator as the
ONNX specification states it, in NumPy). Activation scales come from the
float values the model computes on its own input (calibration on one
input), so that every quantized tensor uses its range.

Run with Debian's python3-onnx and python3-numpy:
    python3 test/models/make_models.py
It writes test/models/corpus and, for the conformance runner's own test,
test/tools/Inputs/conformance-broken. The outputs are committed; the tests
need no Python.
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import onnx_spec

TOOL = "onnx-spec-numpy"
NP_TO_ONNX = {np.dtype(np.float32): TensorProto.FLOAT,
              np.dtype(np.uint8): TensorProto.UINT8,
              np.dtype(np.int8): TensorProto.INT8,
              np.dtype(np.int32): TensorProto.INT32}
DTYPE_NAME = {np.dtype(np.float32): "float32", np.dtype(np.uint8): "uint8",
              np.dtype(np.int8): "int8", np.dtype(np.int32): "int32"}


class Graph:
    """Builds a graph node by node, evaluating each node on the model's input
    as it goes (so that quantization ranges can be calibrated)."""

    def __init__(self, name, rng):
        self.name = name
        self.rng = rng
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []
        self.env = {}
        self.count = 0
        self.quant = {}  # graph output name -> manifest "quant"

    def fresh(self, stem):
        self.count += 1
        return f"{stem}_{self.count}"

    def input(self, name, array):
        self.inputs.append(helper.make_tensor_value_info(
            name, NP_TO_ONNX[array.dtype], list(array.shape)))
        self.env[name] = array
        return name

    def const(self, stem, array):
        name = self.fresh(stem)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        self.env[name] = np.asarray(array)
        return name

    def node(self, op, inputs, stem=None, outputs=1, **attrs):
        stem = stem or op
        outs = [self.fresh(stem + "_out") for _ in range(outputs)]
        n = helper.make_node(op, inputs, outs, name=self.fresh(stem), **attrs)
        self.nodes.append(n)
        onnx_spec.eval_node(n, self.env)
        return outs[0] if outputs == 1 else outs

    def value(self, name):
        return self.env[name]

    # Quantization helpers ------------------------------------------------

    def activation_params(self, x, dtype, lo=None, hi=None):
        """Scale and zero point covering x's range (widened to zero)."""
        v = self.value(x)
        lo = min(0.0, float(v.min())) if lo is None else lo
        hi = max(0.0, float(v.max())) if hi is None else hi
        qmin, qmax = (0, 255) if dtype == np.uint8 else (-128, 127)
        scale = np.float32((hi - lo) / (qmax - qmin) or 1.0)
        zp = int(np.clip(np.rint(qmin - lo / scale), qmin, qmax))
        return scale, np.array(zp, dtype=dtype)

    def q(self, x, scale, zp, stem="q", axis=None):
        s = self.const(stem + "_scale", np.asarray(scale, np.float32))
        z = self.const(stem + "_zp", zp)
        kw = {} if axis is None else {"axis": axis}
        return self.node("QuantizeLinear", [x, s, z], stem, **kw)

    def dq(self, x, scale, zp, stem="dq", axis=None):
        s = self.const(stem + "_scale", np.asarray(scale, np.float32))
        inputs = [x, s]
        if zp is not None:
            inputs.append(self.const(stem + "_zp", zp))
        kw = {} if axis is None else {"axis": axis}
        return self.node("DequantizeLinear", inputs, stem, **kw)

    def qdq(self, x, dtype=np.uint8, stem="act", lo=None, hi=None,
            params=None):
        """Fake-quantizes an activation: QuantizeLinear, DequantizeLinear."""
        scale, zp = params or self.activation_params(x, dtype, lo, hi)
        return self.dq(self.q(x, scale, zp, stem + "_q"), scale, zp,
                       stem + "_dq"), (scale, zp)

    def weight(self, shape, per_channel=True, dtype=np.int8, asymmetric=False,
               axis=0, stem="w"):
        """A random quantized weight behind DequantizeLinear."""
        lo, hi = (-127, 127) if dtype == np.int8 else (0, 255)
        q = self.rng.integers(lo, hi + 1, size=shape).astype(dtype)
        channels = shape[axis] if per_channel else 1
        scales = self.rng.uniform(0.002, 0.02, size=channels).astype(np.float32)
        if dtype == np.uint8:
            zps = self.rng.integers(100, 156, size=channels)
        elif asymmetric:
            zps = self.rng.integers(-6, 7, size=channels)
        else:
            zps = np.zeros(channels, dtype=np.int64)
        zps = zps.astype(dtype)
        if not per_channel:
            scales, zps = scales[0], zps[0]
        w = self.const(stem, q)
        return self.dq(w, scales, zps, stem + "_dq",
                       axis if per_channel else None), scales

    def bias(self, n, in_scale, w_scales, stem="b"):
        """An int32 bias at scale s_in * s_w behind DequantizeLinear."""
        scale = (np.float32(in_scale) * np.asarray(w_scales, np.float32) *
                 np.ones(n, np.float32)).astype(np.float32)
        q = self.rng.integers(-3000, 3000, size=n).astype(np.int32)
        b = self.const(stem, q)
        return self.dq(b, scale, np.zeros(n, np.int32), stem + "_dq", 0)

    def output(self, x, quant=None):
        v = self.value(x)
        self.outputs.append(helper.make_tensor_value_info(
            x, NP_TO_ONNX[v.dtype], list(v.shape)))
        self.quant[x] = quant

    def model(self, opset=13):
        g = helper.make_graph(self.nodes, self.name, self.inputs,
                              self.outputs, self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="qcc test/models/make_models.py")
        m.ir_version = 7
        onnx.checker.check_model(m)
        return m


def quant_entry(scale, zp, axis=None):
    entry = {"scale": float(scale) if np.ndim(scale) == 0 else
             [float(s) for s in scale],
             "zero_point": int(zp) if np.ndim(zp) == 0 else [int(z) for z in zp],
             "dtype": DTYPE_NAME[np.asarray(zp).dtype]}
    if axis is not None:
        entry["axis"] = axis
    return entry


def dq_output(g, x, params, stem):
    """Quantizes x with `params` and dequantizes it as a graph output."""
    scale, zp = params
    y = g.dq(g.q(x, scale, zp, stem + "_q"), scale, zp, stem + "_out")
    g.output(y, quant_entry(scale, zp))
    return y


# The models ---------------------------------------------------------------

def conv_s8_asymmetric(g):
    """int8 activations, per-channel asymmetric int8 weights, grouped and
    dilated Conv with asymmetric padding; one ReLU made redundant by the
    output range and one kept as a clamp."""
    x = g.input("input", g.rng.normal(0, 1, (1, 4, 9, 9)).astype(np.float32))
    xq, (sx, _) = g.qdq(x, np.int8, "x")
    for i, redundant in enumerate([True, False]):
        w, ws = g.weight((6, 2, 3, 3), asymmetric=True, stem=f"conv{i}_w")
        b = g.bias(6, sx, ws, f"conv{i}_b")
        y = g.node("Conv", [xq, w, b], f"conv{i}", group=2, strides=[2, 1],
                   dilations=[2, 1], pads=[1, 2, 2, 0])
        r = g.node("Relu", [y], f"relu{i}")
        # The ReLU's range makes it redundant; the convolution's keeps it.
        params = g.activation_params(r if redundant else y, np.int8)
        dq_output(g, r, params, f"conv{i}")


def float_fallback_u8(g):
    """A convolution whose ReLU feeds two quantizations: qcc does not fuse
    it (each quantization would need its own copy) and computes it in float;
    the result must still be right."""
    x = g.input("input", g.rng.normal(0, 1, (1, 2, 5, 5)).astype(np.float32))
    xq, (sx, _) = g.qdq(x, np.uint8, "x")
    w, ws = g.weight((3, 2, 3, 3), stem="conv_w")
    y = g.node("Conv", [xq, w, g.bias(3, sx, ws, "conv_b")], "conv",
               pads=[1, 1, 1, 1])
    r = g.node("Relu", [y], "relu")
    dq_output(g, r, g.activation_params(r, np.uint8), "relu_range")
    dq_output(g, r, g.activation_params(y, np.uint8), "conv_range")


def pools_u8(g):
    """AveragePool with padding and ceil_mode (counting and not counting the
    padding), MaxPool with dilation, ceil_mode and a new quantization,
    GlobalAveragePool."""
    x = g.input("input", g.rng.uniform(-1, 3, (1, 3, 11, 10)).astype(np.float32))
    xq, px = g.qdq(x, np.uint8, "x")
    a = g.node("AveragePool", [xq], "avg_ceil", kernel_shape=[3, 3],
               strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1,
               count_include_pad=0)
    aq, _ = g.qdq(a, np.uint8, "avg_ceil")
    m = g.node("MaxPool", [aq], "max_dilated", kernel_shape=[2, 3],
               strides=[2, 1], pads=[1, 0, 1, 1], dilations=[1, 2],
               ceil_mode=1)
    mq, _ = g.qdq(m, np.uint8, "max_dilated", params=px)  # requantized
    c = g.node("AveragePool", [mq], "avg_pad", kernel_shape=[2, 2],
               strides=[1, 1], pads=[0, 0, 1, 1], count_include_pad=1)
    cq, _ = g.qdq(c, np.uint8, "avg_pad")
    d = g.node("AveragePool", [cq], "avg_ceil_pad", kernel_shape=[3, 2],
               strides=[2, 2], pads=[1, 0, 1, 0], ceil_mode=1,
               count_include_pad=1)
    dq, pd = g.qdq(d, np.uint8, "avg_ceil_pad")
    g.output(dq, quant_entry(*pd))
    gp = g.node("GlobalAveragePool", [dq], "gap")
    dq_output(g, gp, g.activation_params(gp, np.uint8), "gap")


def concat_clip_u8(g):
    """Clip(0, 6) kept as a clamp (the output range reaches 8) and made
    redundant (the range is exactly [0, 6]); Concat of three differently
    quantized inputs."""
    x = g.input("input", g.rng.uniform(-2, 2, (1, 3, 8, 8)).astype(np.float32))
    xq, (sx, _) = g.qdq(x, np.uint8, "x")
    zero = g.const("clip_min", np.array(0, np.float32))
    six = g.const("clip_max", np.array(6, np.float32))
    w1, ws1 = g.weight((4, 3, 3, 3), stem="conv1_w")
    y1 = g.node("Conv", [xq, w1, g.bias(4, sx, ws1, "conv1_b")], "conv1",
                pads=[1, 1, 1, 1])
    c1 = g.node("Clip", [y1, zero, six], "relu6_kept")
    b1, _ = g.qdq(c1, np.uint8, "relu6_kept", lo=0.0, hi=8.0)
    w2, ws2 = g.weight((5, 3, 1, 1), per_channel=False, stem="conv2_w")
    y2 = g.node("Conv", [xq, w2, g.bias(5, sx, ws2, "conv2_b")], "conv2")
    c2 = g.node("Clip", [y2, zero, six], "relu6_redundant")
    b2, _ = g.qdq(c2, np.uint8, "relu6_redundant", lo=0.0, hi=6.0)
    cat = g.node("Concat", [b1, b2, xq], "concat", axis=1)
    dq_output(g, cat, g.activation_params(cat, np.uint8), "concat")


def layout_moves_u8(g):
    """Quantize/dequantize moved through Transpose, Reshape and Flatten;
    MatMul with per-tensor uint8 weights and a bias Add; Gemm with
    per-channel int8 weights and ReLU."""
    x = g.input("input", g.rng.normal(0.5, 1, (2, 3, 4, 5)).astype(np.float32))
    xq, px = g.qdq(x, np.uint8, "x")
    t = g.node("Transpose", [xq], "transpose", perm=[0, 2, 3, 1])
    tq, _ = g.qdq(t, np.uint8, "transpose", params=px)
    shape = g.const("shape", np.array([2, 60], np.int64))
    r = g.node("Reshape", [tq, shape], "reshape")
    rq, _ = g.qdq(r, np.uint8, "reshape", params=px)
    w, ws = g.weight((60, 7), per_channel=False, dtype=np.uint8,
                     stem="matmul_w")
    mm = g.node("MatMul", [rq, w], "matmul")
    bias = g.bias(7, px[0], ws, "matmul_b")
    add = g.node("Add", [mm, bias], "matmul_bias")
    aq, pa = g.qdq(add, np.uint8, "matmul_out")
    f = g.node("Flatten", [aq], "flatten", axis=1)
    fq, _ = g.qdq(f, np.uint8, "flatten", params=pa)
    w2, ws2 = g.weight((5, 7), stem="gemm_w")
    gm = g.node("Gemm", [fq, w2, g.bias(5, pa[0], ws2, "gemm_b")], "gemm",
                transB=1)
    rl = g.node("Relu", [gm], "relu")
    dq_output(g, rl, g.activation_params(rl, np.uint8), "gemm_relu")


def residual_add_s8(g):
    """int8 quantized Add of two differently quantized tensors, with the
    ReLU fused, and in PyTorch's form of add-then-ReLU (Add, quantize, ReLU,
    quantize at the same scale). Each output is one operation from the
    inputs, so that it is held to one LSB in every numerics mode; chains of
    layers are the corpus's (static_resblock, arch_*)."""
    a = g.input("a", g.rng.normal(0, 1, (1, 4, 6, 6)).astype(np.float32))
    b = g.input("b", g.rng.normal(0.5, 2, (1, 4, 6, 6)).astype(np.float32))
    aq, _ = g.qdq(a, np.int8, "a")
    bq, _ = g.qdq(b, np.int8, "b")
    s = g.node("Add", [aq, bq], "add_relu")
    r = g.node("Relu", [s], "relu")
    dq_output(g, r, g.activation_params(r, np.int8), "add_relu")
    s2 = g.node("Add", [bq, aq], "add")
    s2q, p2 = g.qdq(s2, np.int8, "add")
    r2 = g.node("Relu", [s2q], "relu_after")
    dq_output(g, r2, p2, "relu_after")


def qoperator_u8s8(g):
    """QOperator form: QLinearConv (strided, padded), a depthwise
    QLinearConv, Reshape directly on uint8, QLinearMatMul."""
    x = g.input("input", g.rng.uniform(-1, 1, (1, 2, 7, 7)).astype(np.float32))
    sx, zx = g.activation_params(x, np.uint8)
    xq = g.q(x, sx, zx, "x_q")

    def qconv(inp, sin, zin, shape, group, stem, **attrs):
        w = g.rng.integers(-127, 128, size=shape).astype(np.int8)
        ws = g.rng.uniform(0.005, 0.02, size=shape[0]).astype(np.float32)
        b = g.rng.integers(-500, 500, size=shape[0]).astype(np.int32)
        # Output range: calibrate on the float convolution.
        f = onnx_spec.conv(onnx_spec.dequantize_linear(g.value(inp), sin, zin),
                           onnx_spec.dequantize_linear(w, ws, None, 0),
                           b * (sin * ws), dict(attrs, group=group))
        g.env[stem + "_probe"] = f
        sy, zy = g.activation_params(stem + "_probe", np.uint8)
        args = [inp, g.const(stem + "_xs", np.float32(sin)),
                g.const(stem + "_xz", zin), g.const(stem + "_w", w),
                g.const(stem + "_ws", ws),
                g.const(stem + "_wz", np.zeros(shape[0], np.int8)),
                g.const(stem + "_ys", sy), g.const(stem + "_yz", zy),
                g.const(stem + "_b", b)]
        return g.node("QLinearConv", args, stem, group=group, **attrs), sy, zy

    c1, s1, z1 = qconv(xq, sx, zx, (4, 2, 3, 3), 1, "conv", strides=[2, 2],
                       pads=[1, 1, 1, 1])
    c2, s2, z2 = qconv(c1, s1, z1, (4, 1, 3, 3), 4, "depthwise",
                       pads=[1, 1, 1, 1])
    flat = g.node("Reshape", [c2, g.const("shape", np.array([1, -1], np.int64))],
                  "reshape")
    k = g.value(flat).shape[1]
    w = g.rng.integers(-127, 128, size=(k, 6)).astype(np.int8)
    ws = g.rng.uniform(0.002, 0.01, size=6).astype(np.float32)
    probe = onnx_spec.dequantize_linear(g.value(flat), s2, z2) @ \
        onnx_spec.dequantize_linear(w, ws, None, 1)
    g.env["matmul_probe"] = probe.astype(np.float32)
    sy, zy = g.activation_params("matmul_probe", np.uint8)
    mm = g.node("QLinearMatMul",
                [flat, g.const("mm_xs", np.float32(s2)), g.const("mm_xz", z2),
                 g.const("mm_w", w), g.const("mm_ws", ws),
                 g.const("mm_wz", np.zeros(6, np.int8)),
                 g.const("mm_ys", sy), g.const("mm_yz", zy)], "qmatmul")
    out = g.dq(mm, sy, zy, "output")
    g.output(out, quant_entry(sy, zy))


def dynamic_rank3_qop(g):
    """Dynamic quantization (PyTorch's export form) of a MatMul on a rank-3
    input: DynamicQuantizeLinear, MatMulInteger, Cast, the two scale Muls,
    the bias Add. Float output."""
    x = g.input("input", g.rng.normal(0.2, 1.5, (2, 3, 12)).astype(np.float32))
    xq, xs, xz = g.node("DynamicQuantizeLinear", [x], "dql", outputs=3)
    w = g.const("w", g.rng.integers(-127, 128, size=(12, 6)).astype(np.int8))
    acc = g.node("MatMulInteger", [xq, w, xz, g.const("wz", np.int8(0))],
                 "matmulinteger")
    f = g.node("Cast", [acc], "cast", to=TensorProto.FLOAT)
    scale = g.node("Mul", [xs, g.const("ws", np.float32(0.0123))], "scale")
    y = g.node("Mul", [f, scale], "rescale")
    out = g.node("Add", [y, g.const("bias", g.rng.normal(0, 0.5, 6).astype(
        np.float32))], "bias")
    g.output(out, None)


MODELS = [
    ("qdq_conv_s8_asymmetric", "qdq-generated", "QDQ", conv_s8_asymmetric),
    ("qdq_pools_u8", "qdq-generated", "QDQ", pools_u8),
    ("qdq_float_fallback_u8", "qdq-generated", "QDQ", float_fallback_u8),
    ("qdq_concat_clip_u8", "qdq-generated", "QDQ", concat_clip_u8),
    ("qdq_layout_moves_u8", "qdq-generated", "QDQ", layout_moves_u8),
    ("qdq_residual_add_s8", "qdq-generated", "QDQ", residual_add_s8),
    ("qop_qlinear_u8s8", "qop-generated", "QOperator/integer-ops",
     qoperator_u8s8),
    ("dynamic_rank3_qop", "dynamic", "QOperator/integer-ops",
     dynamic_rank3_qop),
]


def write_model(root, name, category, form, build, seed):
    g = Graph(name, np.random.default_rng(seed))
    build(g)
    model = g.model()
    d = os.path.join(root, name)
    os.makedirs(d, exist_ok=True)
    onnx.save(model, os.path.join(d, "model.onnx"))
    feeds = {}
    inputs = []
    for i, vi in enumerate(g.inputs):
        v = g.env[vi.name]
        feeds[vi.name] = v
        f = f"input_{i}.bin"
        v.tofile(os.path.join(d, f))
        inputs.append({"name": vi.name, "dtype": DTYPE_NAME[v.dtype],
                       "shape": list(v.shape), "file": f})
    # The reference: a fresh evaluation of the saved model.
    values = onnx_spec.run(onnx.load(os.path.join(d, "model.onnx")), feeds)
    outputs, ref_outputs = [], []
    for i, (vi, v) in enumerate(zip(g.outputs, values)):
        assert np.array_equal(v, g.env[vi.name])
        f = f"ref_{TOOL}_output_{i}.bin"
        v.tofile(os.path.join(d, f))
        outputs.append({"name": vi.name, "dtype": DTYPE_NAME[v.dtype],
                        "shape": list(v.shape), "quant": g.quant[vi.name]})
        ref_outputs.append({"name": vi.name, "dtype": DTYPE_NAME[v.dtype],
                            "shape": list(v.shape), "file": f})
    op_types = {}
    for n in model.graph.node:
        op_types[n.op_type] = op_types.get(n.op_type, 0) + 1
    manifest = {
        "format_version": 1, "name": name, "category": category,
        "description": build.__doc__.strip().replace("\n    ", " "),
        "model": {"file": "model.onnx",
                  "produced_by": "test/models/make_models.py (onnx.helper, "
                                 f"onnx {onnx.__version__})",
                  "opsets": {"ai.onnx": 13}, "ir_version": model.ir_version,
                  "form": form, "op_types": op_types,
                  "notes": "Activation ranges calibrated on the input below."},
        "inputs": inputs, "outputs": outputs,
        "references": [{"tool": TOOL,
                        "produced_by": "test/models/onnx_spec.py (NumPy "
                                       f"{np.__version__})",
                        "outputs": ref_outputs}],
        "comparisons": [],
    }
    with open(os.path.join(d, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    return {"name": name, "category": category, "form": form,
            "manifest": f"{name}/manifest.json", "references": [TOOL]}


def write_broken(corpus, root):
    """A corpus the conformance runner must fail: one good model, one whose
    reference is 2 LSB off in one element, one whose input file is short.
    No index.json: the runner finds the directories itself."""
    good = os.path.join(corpus, "qop_qlinear_u8s8")
    for name in ["good", "reference_off_by_two", "short_input"]:
        d = os.path.join(root, name)
        shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(good, d)
        with open(os.path.join(d, "manifest.json")) as f:
            manifest = json.load(f)
        manifest["name"] = name
        with open(os.path.join(d, "manifest.json"), "w") as f:
            json.dump(manifest, f, indent=1)
            f.write("\n")
    ref = os.path.join(root, "reference_off_by_two",
                       f"ref_{TOOL}_output_0.bin")
    out = manifest["outputs"][0]
    values = np.fromfile(ref, np.float32)
    values[3] += 2 * np.float32(out["quant"]["scale"])
    values.tofile(ref)
    inp = os.path.join(root, "short_input", "input_0.bin")
    np.fromfile(inp, np.float32)[:-1].tofile(inp)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "corpus")
    os.makedirs(root, exist_ok=True)
    index = [write_model(root, name, cat, form, build, seed)
             for seed, (name, cat, form, build) in enumerate(MODELS)]
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"format_version": 1,
                   "generator": "test/models/make_models.py",
                   "models": index}, f, indent=1)
        f.write("\n")
    if len(sys.argv) <= 1:
        write_broken(root, os.path.join(here, "..", "tools", "Inputs",
                                        "conformance-broken"))


if __name__ == "__main__":
    main()
