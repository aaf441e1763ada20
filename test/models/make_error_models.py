#!/usr/bin/env python3
"""Writes the malformed models of qcc's error tests
(test/tools/qcc-onnx-errors.test) into test/tools/Inputs/onnx-errors.

Each is small and wrong in one way; the test expects a message naming the
node and the rule, and a non-zero exit. Run with Debian's python3-onnx:
    python3 test/models/make_error_models.py
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def qdq_model(scale=0.05, zp=None, nodes_after=None, name="model"):
    """input -> QuantizeLinear "quant" -> DequantizeLinear "dequant"."""
    zp_tensor = zp if zp is not None else numpy_helper.from_array(
        np.array(128, np.uint8), "zp")
    inits = [numpy_helper.from_array(np.array(scale, np.float32), "scale"),
             zp_tensor]
    nodes = [helper.make_node("QuantizeLinear", ["x", "scale", "zp"], ["q"],
                              name="quant"),
             helper.make_node("DequantizeLinear", ["q", "scale", "zp"], ["y"],
                              name="dequant")]
    g = helper.make_graph(
        nodes + (nodes_after or []), name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])],
        inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    return m


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tools", "Inputs",
        "onnx-errors")
    os.makedirs(root, exist_ok=True)

    def save(name, model):
        onnx.save(model, os.path.join(root, name))

    good = qdq_model()
    save("valid.onnx", good)
    data = good.SerializeToString()
    with open(os.path.join(root, "truncated.onnx"), "wb") as f:
        f.write(data[:len(data) * 2 // 3])
    with open(os.path.join(root, "not_onnx.onnx"), "w") as f:
        f.write("This is a text file, not an ONNX model.\n")

    save("zero_scale.onnx", qdq_model(scale=0.0))
    save("negative_scale.onnx", qdq_model(scale=-0.5))
    save("nan_scale.onnx", qdq_model(scale=float("nan")))
    # A uint8 zero point of 300: TensorProto keeps uint8 data in int32_data,
    # which can hold it; the checker does not look.
    zp = helper.make_tensor("zp", TensorProto.UINT8, [], [300])
    save("zero_point_out_of_range.onnx", qdq_model(zp=zp))

    unknown = qdq_model()
    unknown.graph.node.insert(1, helper.make_node(
        "Frobnicate", ["q"], ["q2"], name="mystery"))
    unknown.graph.node[2].input[0] = "q2"
    save("unknown_op.onnx", unknown)

    # MatMul of [2, 3] by [4, 5].
    g = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="mismatched")],
        "mismatched",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 5])],
        [numpy_helper.from_array(np.ones((4, 5), np.float32), "w")])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    save("mismatched_shapes.onnx", m)

    # An attribute value qcc does not support: Conv with auto_pad.
    g = helper.make_graph(
        [helper.make_node("Conv", ["x", "w"], ["y"], name="autopad_conv",
                          auto_pad="SAME_UPPER")],
        "autopad",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, 4, 4])],
        [numpy_helper.from_array(np.ones((1, 1, 3, 3), np.float32), "w")])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    save("unsupported_attribute.onnx", m)

    # A type qcc does not support: a float64 input.
    g = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"], name="double_relu")],
        "float64",
        [helper.make_tensor_value_info("x", TensorProto.DOUBLE, [2])],
        [helper.make_tensor_value_info("y", TensorProto.DOUBLE, [2])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 7
    save("unsupported_type.onnx", m)

    # An input file of the wrong size for valid.onnx (needs 6 floats).
    np.zeros(5, np.float32).tofile(os.path.join(root, "five_floats.bin"))
    np.array([-1, 0, 0.5, 1, 2, 9], np.float32).tofile(
        os.path.join(root, "six_floats.bin"))


if __name__ == "__main__":
    main()
