"""A small NumPy interpreter of the ONNX operators the test models use.

It is the independent reference ("onnx-spec-numpy") the generated models are
judged against: each operator as its ONNX specification states it. Float
operators compute in float64 from their float32 inputs and round once to
float32; QuantizeLinear divides in float32, rounds half to even and
saturates. Nothing here is shared with qcc.
"""
import math

import numpy as np
from onnx import numpy_helper

INT_RANGES = {np.dtype(np.uint8): (0, 255), np.dtype(np.int8): (-128, 127),
              np.dtype(np.int32): (-2**31, 2**31 - 1)}


def _attrs(node):
    out = {}
    for a in node.attribute:
        if a.type == a.INT:
            out[a.name] = a.i
        elif a.type == a.INTS:
            out[a.name] = list(a.ints)
        elif a.type == a.FLOAT:
            out[a.name] = a.f
        elif a.type == a.TENSOR:
            out[a.name] = numpy_helper.to_array(a.t)
        elif a.type == a.STRING:
            out[a.name] = a.s.decode()
    return out


def _axis_shape(param, x, axis):
    """Reshapes a per-axis parameter to broadcast along `axis` of x."""
    param = np.asarray(param)
    if param.ndim == 0 or param.size == 1:
        return param.reshape(())
    shape = [1] * x.ndim
    shape[axis % x.ndim] = param.size
    return param.reshape(shape)


def quantize_linear(x, scale, zp, axis=1):
    zp = np.zeros((), np.uint8) if zp is None else zp
    lo, hi = INT_RANGES[zp.dtype]
    s = _axis_shape(scale.astype(np.float32), x, axis)
    z = _axis_shape(zp, x, axis).astype(np.int64)
    q = np.rint(x.astype(np.float32) / s).astype(np.int64) + z
    return np.clip(q, lo, hi).astype(zp.dtype)


def dequantize_linear(x, scale, zp, axis=1):
    z = 0 if zp is None else _axis_shape(zp, x, axis).astype(np.int64)
    s = _axis_shape(scale.astype(np.float32), x, axis)
    return ((x.astype(np.int64) - z).astype(np.float32) * s).astype(np.float32)


def _pads(attrs, spatial, kernel, strides, dilations, in_shape, ceil=False):
    pads = attrs.get("pads", [0] * (2 * spatial))
    auto = attrs.get("auto_pad", "NOTSET")
    if auto not in ("NOTSET", "VALID"):
        raise NotImplementedError("auto_pad " + auto)
    return pads


def _windows(x, kernel, strides, pads, dilations, ceil, fill):
    """Yields (n, c-slices...) views: returns padded x and output size."""
    n, c, h, w = x.shape
    ph0, pw0, ph1, pw1 = pads
    eh = (kernel[0] - 1) * dilations[0] + 1
    ew = (kernel[1] - 1) * dilations[1] + 1
    rnd = math.ceil if ceil else math.floor
    oh = int(rnd((h + ph0 + ph1 - eh) / strides[0])) + 1
    ow = int(rnd((w + pw0 + pw1 - ew) / strides[1])) + 1
    if ceil:  # the last window must start inside the image or left padding
        if (oh - 1) * strides[0] >= h + ph0:
            oh -= 1
        if (ow - 1) * strides[1] >= w + pw0:
            ow -= 1
    extra_h = max(0, (oh - 1) * strides[0] + eh - (h + ph0 + ph1))
    extra_w = max(0, (ow - 1) * strides[1] + ew - (w + pw0 + pw1))
    xp = np.full((n, c, h + ph0 + ph1 + extra_h, w + pw0 + pw1 + extra_w),
                 fill, dtype=np.float64)
    xp[:, :, ph0:ph0 + h, pw0:pw0 + w] = x
    inside = np.zeros(xp.shape[2:], dtype=bool)
    inside[ph0:ph0 + h, pw0:pw0 + w] = True
    pad_only = np.zeros(xp.shape[2:], dtype=bool)
    pad_only[:h + ph0 + ph1, :w + pw0 + pw1] = True
    return xp, inside, pad_only, oh, ow


def conv(x, w, b, attrs):
    group = attrs.get("group", 1)
    kernel = list(w.shape[2:])
    strides = attrs.get("strides", [1, 1])
    dilations = attrs.get("dilations", [1, 1])
    pads = _pads(attrs, 2, kernel, strides, dilations, x.shape)
    xp, _, _, oh, ow = _windows(x.astype(np.float64), kernel, strides, pads,
                                dilations, False, 0.0)
    n, cin = x.shape[:2]
    cout = w.shape[0]
    cg, og = cin // group, cout // group
    y = np.zeros((n, cout, oh, ow), dtype=np.float64)
    wd = w.astype(np.float64)
    for g in range(group):
        for i in range(kernel[0]):
            for j in range(kernel[1]):
                r0, c0 = i * dilations[0], j * dilations[1]
                patch = xp[:, g * cg:(g + 1) * cg,
                           r0:r0 + (oh - 1) * strides[0] + 1:strides[0],
                           c0:c0 + (ow - 1) * strides[1] + 1:strides[1]]
                y[:, g * og:(g + 1) * og] += np.einsum(
                    "nchw,oc->nohw", patch, wd[g * og:(g + 1) * og, :, i, j])
    if b is not None:
        y += b.astype(np.float64).reshape(1, -1, 1, 1)
    return y.astype(np.float32)


def pool(x, attrs, kind):
    kernel = attrs["kernel_shape"]
    strides = attrs.get("strides", [1, 1])
    dilations = attrs.get("dilations", [1, 1])
    ceil = bool(attrs.get("ceil_mode", 0))
    pads = _pads(attrs, 2, kernel, strides, dilations, x.shape, ceil)
    fill = -np.inf if kind == "max" else 0.0
    xp, inside, pad_only, oh, ow = _windows(x.astype(np.float64), kernel,
                                            strides, pads, dilations, ceil,
                                            fill)
    include_pad = bool(attrs.get("count_include_pad", 0))
    counted = pad_only if include_pad else inside
    y = np.full(x.shape[:2] + (oh, ow), fill, dtype=np.float64)
    count = np.zeros((oh, ow))
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            r0, c0 = i * dilations[0], j * dilations[1]
            rs = slice(r0, r0 + (oh - 1) * strides[0] + 1, strides[0])
            cs = slice(c0, c0 + (ow - 1) * strides[1] + 1, strides[1])
            patch = xp[:, :, rs, cs]
            if kind == "max":
                y = np.maximum(y, patch)
            else:
                y = y + np.where(counted[rs, cs], patch, 0.0)
                count += counted[rs, cs]
    if kind == "avg":
        y = y / count
    return y.astype(np.float32)


def qlinear(acc, sx, sw, sy, zy, axis_shape=None):
    """ONNX QLinearConv / QLinearMatMul output: the int32 accumulator scaled
    by sx * sw / sy exactly (float64), rounded half to even, saturated."""
    sw = np.asarray(sw, np.float64)
    if axis_shape is not None and sw.size > 1:
        sw = sw.reshape(axis_shape)
    real = acc.astype(np.float64) * (np.float64(sx) * sw) / np.float64(sy)
    lo, hi = INT_RANGES[zy.dtype]
    return np.clip(np.rint(real) + int(zy), lo, hi).astype(zy.dtype)


def dynamic_quantize_linear(x):
    """ONNX DynamicQuantizeLinear: uint8 over the range widened to zero."""
    x = x.astype(np.float32)
    lo = np.float32(min(0.0, float(x.min())))
    hi = np.float32(max(0.0, float(x.max())))
    scale = np.float32((hi - lo) / np.float32(255))
    if scale == 0:
        scale = np.float32(1)  # all zeros: any scale gives zero points 0
    zp = np.uint8(np.clip(np.rint(np.float32(0) - lo / scale), 0, 255))
    y = quantize_linear(x, np.array(scale), np.array(zp))
    return y, np.array(scale, np.float32), np.array(zp, np.uint8)


def eval_node(node, env):
    """Evaluates one node, reading its inputs from and writing its outputs to
    `env` (name -> array)."""
    def get(i):
        if i >= len(node.input) or node.input[i] == "":
            return None
        return env[node.input[i]]

    a = _attrs(node)
    op = node.op_type
    x = get(0)

    def integer_acc(xv, zx, wv, zw):
        return (xv.astype(np.int64) - (0 if zx is None else zx.astype(np.int64)),
                wv.astype(np.int64) - (0 if zw is None else zw.astype(np.int64)))

    if op == "QLinearConv":
        xs, xz, w, ws, wz, ys, yz, b = (get(i) for i in range(1, 9))
        xi = x.astype(np.int64) - int(xz)
        wi = w.astype(np.int64) - wz.astype(np.int64).reshape(
            (-1, 1, 1, 1) if wz.size > 1 else ())
        acc = np.rint(conv(xi.astype(np.float64), wi.astype(np.float64), None,
                           a)).astype(np.int64)  # exact: small integers
        if b is not None:
            acc = acc + b.astype(np.int64).reshape(1, -1, 1, 1)
        env[node.output[0]] = qlinear(acc, xs, ws, ys, yz, (1, -1, 1, 1))
        return
    if op == "QLinearMatMul":
        xs, xz, w, ws, wz, ys, yz = (get(i) for i in range(1, 8))
        xi = x.astype(np.int64) - int(xz)
        wi = w.astype(np.int64) - wz.astype(np.int64).reshape(
            (1, -1) if wz.size > 1 else ())
        env[node.output[0]] = qlinear(xi @ wi, xs, ws, ys, yz, (1, -1))
        return
    if op == "MatMulInteger":
        xi, wi = integer_acc(x, get(2), get(1), get(3))
        env[node.output[0]] = (xi @ wi).astype(np.int32)
        return
    if op == "DynamicQuantizeLinear":
        for name, v in zip(node.output, dynamic_quantize_linear(x)):
            env[name] = v
        return
    if op == "Cast":
        env[node.output[0]] = x.astype(
            {1: np.float32, 2: np.uint8, 3: np.int8, 6: np.int32}[a["to"]])
        return
    y = _float_op(op, a, x, get, env, node)
    env[node.output[0]] = y


def _float_op(op, a, x, get, env, node):
    """The float and layout operators: their value."""
    if op == "Constant":
        y = a["value"]
    elif op == "ConstantOfShape":
        value = a.get("value", np.zeros(1, np.float32))
        y = np.full([int(d) for d in x], value.reshape(-1)[0],
                    dtype=value.dtype)
    elif op == "Identity":
        y = x
    elif op == "Pad":
        if a.get("mode", "constant") != "constant":
            raise NotImplementedError("Pad mode " + a["mode"])
        pads = [int(p) for p in get(1)]
        n = x.ndim
        value = get(2)
        y = np.pad(x, list(zip(pads[:n], pads[n:])), constant_values=(
            0 if value is None else value.reshape(-1)[0]))
    elif op == "QuantizeLinear":
        y = quantize_linear(x, get(1), get(2), a.get("axis", 1))
    elif op == "DequantizeLinear":
        y = dequantize_linear(x, get(1), get(2),
                              a.get("axis", 1))
    elif op == "Conv":
        y = conv(x, get(1), get(2), a)
    elif op == "MatMul":
        y = (x.astype(np.float64) @ get(1).astype(np.float64)
             ).astype(np.float32)
    elif op == "Gemm":
        av = x.astype(np.float64)
        bv = get(1).astype(np.float64)
        if a.get("transA", 0):
            av = av.T
        if a.get("transB", 0):
            bv = bv.T
        y = a.get("alpha", 1.0) * (av @ bv)
        c = get(2)
        if c is not None:
            y = y + a.get("beta", 1.0) * c.astype(np.float64)
        y = y.astype(np.float32)
    elif op == "Add":
        y = (x.astype(np.float64) + get(1).astype(np.float64)
             ).astype(np.float32)
    elif op == "Mul":
        y = (x.astype(np.float64) * get(1).astype(np.float64)
             ).astype(np.float32)
    elif op == "Relu":
        y = np.maximum(x, 0).astype(x.dtype)
    elif op == "Clip":
        lo, hi = get(1), get(2)
        y = x
        if lo is not None:
            y = np.maximum(y, lo)
        if hi is not None:
            y = np.minimum(y, hi)
    elif op == "MaxPool":
        y = pool(x, a, "max")
    elif op == "AveragePool":
        y = pool(x, a, "avg")
    elif op == "GlobalAveragePool":
        y = x.astype(np.float64).mean(axis=(2, 3), keepdims=True
                                      ).astype(np.float32)
    elif op == "Flatten":
        axis = a.get("axis", 1)
        y = x.reshape(int(np.prod(x.shape[:axis])), -1)
    elif op == "Reshape":
        shape = [int(d) for d in get(1)]
        shape = [x.shape[i] if d == 0 else d for i, d in enumerate(shape)]
        y = x.reshape(shape)
    elif op == "Transpose":
        y = np.transpose(x, a.get("perm"))
    elif op == "Concat":
        y = np.concatenate([env[i] for i in node.input], axis=a["axis"])
    else:
        raise NotImplementedError(op)
    return y


def run(model, feeds):
    """Evaluates `model` (an onnx.ModelProto) on `feeds` (name -> array);
    returns the graph outputs in order."""
    env = dict(feeds)
    for t in model.graph.initializer:
        env[t.name] = numpy_helper.to_array(t)
    for node in model.graph.node:
        eval_node(node, env)
    return [env[o.name] for o in model.graph.output]
