#!/usr/bin/env python3
"""Writes the malformed models of qcc's error tests
(test/tools/qcc-onnx-errors.test, test/tools/qcc-onnx-errors-more.test) into
test/tools/Inputs/onnx-errors.

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


def graph_model(nodes, inputs, outputs, inits=(), opset=13, name="model",
                domains=()):
    """A model of `nodes`; inputs and outputs are (name, type, shape)."""
    g = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info(n, t, s) for n, t, s in inputs],
        [helper.make_tensor_value_info(n, t, s) for n, t, s in outputs],
        list(inits))
    opsets = [helper.make_opsetid("", opset)]
    opsets += [helper.make_opsetid(d, 1) for d in domains]
    m = helper.make_model(g, opset_imports=opsets)
    m.ir_version = 7
    return m


def f32(name, shape):
    return (name, TensorProto.FLOAT, shape)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def more_error_models(save):
    """The models of qcc-onnx-errors-more.test: each breaks one rule of the
    importer (domain, opset, shapes, attributes, quantization parameters,
    graph structure, tensor data)."""
    # An operator of another domain: ONNX Runtime's contrib QLinearAdd.
    a_scale = const("s", np.float32(0.05))
    a_zp = const("z", np.uint8(128))
    save("contrib_domain.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                          name="quant"),
         helper.make_node("QLinearAdd", ["q", "s", "z", "q", "s", "z", "s",
                                         "z"], ["sum"], name="ms_add",
                          domain="com.microsoft"),
         helper.make_node("DequantizeLinear", ["sum", "s", "z"], ["y"],
                          name="dequant")],
        [f32("x", [2, 3])], [f32("y", [2, 3])], [a_scale, a_zp],
        domains=["com.microsoft"]))

    # Opsets outside 10..21: QuantizeLinear needs 10, 22 is not read yet.
    relu = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    save("opset_9.onnx", graph_model(relu, [f32("x", [2])], [f32("y", [2])],
                                     opset=9))
    save("opset_22.onnx", graph_model(relu, [f32("x", [2])], [f32("y", [2])],
                                      opset=22))

    # A symbolic batch dimension.
    save("dynamic_dimension.onnx", graph_model(
        relu, [f32("x", ["batch", 3])], [f32("y", ["batch", 3])]))

    # Gemm of A^T.
    save("gemm_trans_a.onnx", graph_model(
        [helper.make_node("Gemm", ["x", "w"], ["y"], name="gemm_ta",
                          transA=1)],
        [f32("x", [4, 2])], [f32("y", [2, 5])],
        [const("w", np.ones((4, 5), np.float32))]))

    # A 1-D convolution: input [N, C, W], weight [O, C, K].
    save("conv1d.onnx", graph_model(
        [helper.make_node("Conv", ["x", "w"], ["y"], name="conv1d")],
        [f32("x", [1, 2, 8])], [f32("y", [1, 3, 6])],
        [const("w", np.ones((3, 2, 3), np.float32))]))

    # Per-axis QuantizeLinear with 2 scales for an axis of size 3.
    save("per_axis_scale_length.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                          name="quant_axis", axis=1),
         helper.make_node("DequantizeLinear", ["q", "s", "z"], ["y"],
                          name="dequant_axis", axis=1)],
        [f32("x", [2, 3])], [f32("y", [2, 3])],
        [const("s", np.array([0.1, 0.2], np.float32)),
         const("z", np.array([0, 0], np.int8))]))

    # A graph output no node, input or initializer produces.
    save("missing_output.onnx", graph_model(
        relu, [f32("x", [2])], [f32("y", [2]), f32("ghost", [2])]))

    # A node input nothing produces.
    save("missing_input.onnx", graph_model(
        [helper.make_node("Add", ["x", "nowhere"], ["y"], name="add_ghost")],
        [f32("x", [2])], [f32("y", [2])]))

    # An initializer whose raw data is 8 bytes short: 6 floats need 24.
    short = numpy_helper.from_array(np.ones((2, 3), np.float32), "w")
    short.raw_data = short.raw_data[:16]
    save("short_raw_data.onnx", graph_model(
        [helper.make_node("Add", ["x", "w"], ["y"], name="add_short")],
        [f32("x", [2, 3])], [f32("y", [2, 3])], [short]))

    # An initializer with 5 float_data values for 6 elements.
    few = helper.make_tensor("w", TensorProto.FLOAT, [2, 3], [1.0] * 6)
    del few.float_data[5]
    save("short_float_data.onnx", graph_model(
        [helper.make_node("Add", ["x", "w"], ["y"], name="add_few")],
        [f32("x", [2, 3])], [f32("y", [2, 3])], [few]))

    # Gemm with alpha 2 and with beta 0.5.
    gemm_inits = [const("w", np.ones((3, 5), np.float32)),
                  const("c", np.ones(5, np.float32))]
    save("gemm_alpha.onnx", graph_model(
        [helper.make_node("Gemm", ["x", "w", "c"], ["y"], name="gemm_alpha",
                          alpha=2.0)],
        [f32("x", [2, 3])], [f32("y", [2, 5])], gemm_inits))
    save("gemm_beta.onnx", graph_model(
        [helper.make_node("Gemm", ["x", "w", "c"], ["y"], name="gemm_beta",
                          beta=0.5)],
        [f32("x", [2, 3])], [f32("y", [2, 5])], gemm_inits))

    # An attribute the translation does not know (Relu has none).
    save("unknown_attribute.onnx", graph_model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu_leaky",
                          alpha=0.1)],
        [f32("x", [2])], [f32("y", [2])]))

    # Pad that pads.
    save("pad_nonzero.onnx", graph_model(
        [helper.make_node("Pad", ["x", "pads"], ["y"], name="pad_one")],
        [f32("x", [1, 1, 2, 2])], [f32("y", [1, 1, 4, 4])],
        [const("pads", np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64))]))

    # MaxPool's Indices output.
    save("maxpool_indices.onnx", graph_model(
        [helper.make_node("MaxPool", ["x"], ["y", "idx"], name="pool_idx",
                          kernel_shape=[2, 2])],
        [f32("x", [1, 1, 4, 4])],
        [f32("y", [1, 1, 3, 3]), ("idx", TensorProto.INT64, [1, 1, 3, 3])]))

    # A pooling window larger than the image.
    save("pool_too_large.onnx", graph_model(
        [helper.make_node("AveragePool", ["x"], ["y"], name="pool_big",
                          kernel_shape=[5, 5])],
        [f32("x", [1, 1, 4, 4])], [f32("y", [1, 1, 1, 1])]))

    # QuantizeLinear whose scale is computed, outside the dynamic pattern.
    save("computed_scale.onnx", graph_model(
        [helper.make_node("Relu", ["s_in"], ["s"], name="scale_relu"),
         helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                          name="quant_computed"),
         helper.make_node("DequantizeLinear", ["q", "s", "z"], ["y"],
                          name="dequant_computed")],
        [f32("x", [2, 3]), f32("s_in", [])], [f32("y", [2, 3])],
        [a_zp]))

    # A zero point whose type is not the quantized tensor's: uint8 values
    # dequantized with an int8 zero point.
    save("zero_point_type.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                          name="quant"),
         helper.make_node("DequantizeLinear", ["q", "s", "z8"], ["y"],
                          name="dequant_int8_zp")],
        [f32("x", [2, 3])], [f32("y", [2, 3])],
        [a_scale, a_zp, const("z8", np.int8(0))]))

    # 16-bit quantization (opset 21 allows it; qcc does not).
    save("int16_quantization.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                          name="quant16"),
         helper.make_node("DequantizeLinear", ["q", "s", "z"], ["y"],
                          name="dequant16")],
        [f32("x", [2, 3])], [f32("y", [2, 3])],
        [a_scale, const("z", np.int16(0))], opset=21))

    # A float16 initializer.
    save("float16_initializer.onnx", graph_model(
        [helper.make_node("Add", ["x", "w"], ["y"], name="add_half")],
        [f32("x", [2])], [f32("y", [2])],
        [const("w", np.ones(2, np.float16))]))

    # An int64 graph input.
    save("int64_input.onnx", graph_model(
        [helper.make_node("Identity", ["x"], ["y"], name="id")],
        [("x", TensorProto.INT64, [2])], [("y", TensorProto.INT64, [2])]))

    # Reshape with two -1 dimensions.
    save("reshape_two_inferred.onnx", graph_model(
        [helper.make_node("Reshape", ["x", "shape"], ["y"],
                          name="reshape_ambiguous")],
        [f32("x", [2, 3])], [f32("y", [3, 2])],
        [const("shape", np.array([-1, -1], np.int64))]))

    # Transpose whose perm repeats a dimension.
    save("transpose_bad_perm.onnx", graph_model(
        [helper.make_node("Transpose", ["x"], ["y"], name="transpose_dup",
                          perm=[0, 0])],
        [f32("x", [2, 3])], [f32("y", [2, 2])]))

    # Cast of a float tensor to int8 (not a constant, not an accumulator).
    save("cast_float_to_int8.onnx", graph_model(
        [helper.make_node("Cast", ["x"], ["y"], name="cast_i8",
                          to=TensorProto.INT8)],
        [f32("x", [2])], [("y", TensorProto.INT8, [2])]))

    # Clip with min above max.
    save("clip_empty.onnx", graph_model(
        [helper.make_node("Clip", ["x", "lo", "hi"], ["y"],
                          name="clip_empty")],
        [f32("x", [2])], [f32("y", [2])],
        [const("lo", np.float32(6)), const("hi", np.float32(0))]))

    # A scalar float operator of the dynamic pattern used on its own.
    save("reduce_min_alone.onnx", graph_model(
        [helper.make_node("ReduceMin", ["x"], ["y"], name="lonely_min",
                          keepdims=0)],
        [f32("x", [2, 3])], [f32("y", [])]))

    # Conv whose kernel_shape is not its weight's.
    save("conv_kernel_shape.onnx", graph_model(
        [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_ks",
                          kernel_shape=[2, 2])],
        [f32("x", [1, 1, 4, 4])], [f32("y", [1, 1, 2, 2])],
        [const("w", np.ones((1, 1, 3, 3), np.float32))]))

    # A Concat of uint8 tensors (QDQ graphs concatenate floats).
    save("concat_uint8.onnx", graph_model(
        [helper.make_node("Concat", ["x", "x"], ["y"], name="concat_u8",
                          axis=0)],
        [("x", TensorProto.UINT8, [2])], [("y", TensorProto.UINT8, [4])]))

    # Constant without a value.
    save("constant_no_value.onnx", graph_model(
        [helper.make_node("Constant", [], ["c"], name="const_empty"),
         helper.make_node("Add", ["x", "c"], ["y"], name="add")],
        [f32("x", [2])], [f32("y", [2])]))

    # Conv with group 0: the importer builds the operation, its verifier
    # names the node.
    save("conv_group_zero.onnx", graph_model(
        [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_g0", group=0)],
        [f32("x", [1, 2, 4, 4])], [f32("y", [1, 2, 2, 2])],
        [const("w", np.ones((2, 2, 3, 3), np.float32))]))

    # Flatten beyond the rank.
    save("flatten_axis.onnx", graph_model(
        [helper.make_node("Flatten", ["x"], ["y"], name="flatten_far",
                          axis=5)],
        [f32("x", [2, 3])], [f32("y", [6, 1])]))

    # MatMul of a vector.
    save("matmul_vector.onnx", graph_model(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="matmul_vec")],
        [f32("x", [3])], [f32("y", [2])],
        [const("w", np.ones((3, 2), np.float32))]))

    # QLinearConv with a float bias.
    save("qlinearconv_float_bias.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"],
                          name="quant"),
         helper.make_node("QLinearConv", ["q", "s", "z", "w", "ws", "wz", "s",
                                          "z", "b"], ["c"], name="qconv"),
         helper.make_node("DequantizeLinear", ["c", "s", "z"], ["y"],
                          name="dequant")],
        [f32("x", [1, 1, 4, 4])], [f32("y", [1, 1, 2, 2])],
        [const("s", np.float32(0.1)), const("z", np.uint8(0)),
         const("w", np.ones((1, 1, 3, 3), np.int8)),
         const("ws", np.float32(0.1)), const("wz", np.int8(0)),
         const("b", np.ones(1, np.float32))]))

    # DynamicQuantizeLinear read by a DequantizeLinear: outside the
    # dynamic pattern its scale is not a constant.
    save("dynamic_without_pattern.onnx", graph_model(
        [helper.make_node("DynamicQuantizeLinear", ["x"], ["q", "qs", "qz"],
                          name="dql"),
         helper.make_node("DequantizeLinear", ["q", "qs", "qz"], ["y"],
                          name="dequant_dynamic")],
        [f32("x", [2, 3])], [f32("y", [2, 3])]))

    # MatMulInteger of DynamicQuantizeLinear whose int32 result leaves the
    # graph without the Cast and scale Mul of the pattern.
    save("dynamic_matmulinteger_unscaled.onnx", graph_model(
        [helper.make_node("DynamicQuantizeLinear", ["x"], ["q", "qs", "qz"],
                          name="dql"),
         helper.make_node("MatMulInteger", ["q", "w", "qz"], ["y"],
                          name="mmi_unscaled")],
        [f32("x", [2, 3])], [("y", TensorProto.INT32, [2, 2])],
        [const("w", np.ones((3, 2), np.int8))]))

    # An int32 accumulator multiplied before its Cast to float.
    save("accumulator_mul.onnx", graph_model(
        [helper.make_node("MatMulInteger", ["x", "w"], ["acc"], name="mmi"),
         helper.make_node("Mul", ["acc", "k"], ["y"], name="mul_acc")],
        [("x", TensorProto.UINT8, [2, 3])], [("y", TensorProto.INT32, [2, 2])],
        [const("w", np.ones((3, 2), np.uint8)),
         const("k", np.ones(2, np.float32))]))

    # A graph input that is a sequence, not a tensor.
    seq = graph_model(relu, [f32("x", [2])], [f32("y", [2])])
    seq.graph.input.insert(0, helper.make_tensor_sequence_value_info(
        "items", TensorProto.FLOAT, [2]))
    save("sequence_input.onnx", seq)

    # A model that imports no opset.
    no_opset = graph_model(relu, [f32("x", [2])], [f32("y", [2])])
    del no_opset.opset_import[:]
    save("no_opset.onnx", no_opset)

    # Tensor data in a separate file.
    ext = numpy_helper.from_array(np.ones(2, np.float32), "w")
    ext.ClearField("raw_data")
    ext.data_location = TensorProto.EXTERNAL
    entry = ext.external_data.add()
    entry.key, entry.value = "location", "weights.bin"
    save("external_data.onnx", graph_model(
        [helper.make_node("Add", ["x", "w"], ["y"], name="add_external")],
        [f32("x", [2])], [f32("y", [2])], [ext]))

    # Integers expected, floats given: zero point, shape, pads.
    save("float_zero_point.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["y"],
                          name="quant_float_zp")],
        [f32("x", [2, 3])], [("y", TensorProto.UINT8, [2, 3])],
        [const("s", np.float32(0.1)), const("z", np.float32(0))]))
    save("matmulinteger_float.onnx", graph_model(
        [helper.make_node("MatMulInteger", ["x", "w", "z", "z"], ["y"],
                          name="mmi_float")],
        [f32("x", [2, 3])], [("y", TensorProto.INT32, [2, 2])],
        [const("w", np.ones((3, 2), np.float32)), const("z", np.float32(0))]))
    save("pad_float_pads.onnx", graph_model(
        [helper.make_node("Pad", ["x", "p"], ["y"], name="pad_float")],
        [f32("x", [1, 1, 2, 2])], [f32("y", [1, 1, 2, 2])],
        [const("p", np.zeros(8, np.float32))]))
    save("reshape_float_shape.onnx", graph_model(
        [helper.make_node("Reshape", ["x", "shape"], ["y"],
                          name="reshape_float")],
        [f32("x", [2, 3])], [f32("y", [3, 2])],
        [const("shape", np.array([3, 2], np.float32))]))
    save("constantofshape_float_shape.onnx", graph_model(
        [helper.make_node("ConstantOfShape", ["shape"], ["c"],
                          name="cos_float"),
         helper.make_node("Add", ["x", "c"], ["y"], name="add")],
        [f32("x", [2])], [f32("y", [2])],
        [const("shape", np.array([2], np.float32))]))
    save("constantofshape_negative.onnx", graph_model(
        [helper.make_node("ConstantOfShape", ["shape"], ["y"],
                          name="cos_negative")],
        [f32("x", [2])], [f32("y", [2])],
        [const("shape", np.array([-2], np.int64))]))
    # Malformed quantization parameters.
    save("empty_scale.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["y"],
                          name="quant_empty_scale")],
        [f32("x", [2, 3])], [("y", TensorProto.UINT8, [2, 3])],
        [const("s", np.zeros(0, np.float32)), const("z", np.zeros(0, np.uint8))]))
    save("scale_rank2.onnx", graph_model(
        [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["y"],
                          name="quant_rank2_scale")],
        [f32("x", [2, 3])], [("y", TensorProto.UINT8, [2, 3])],
        [const("s", np.array([[0.1, 0.2, 0.3]], np.float32)),
         const("z", np.zeros((1, 3), np.uint8))]))
    # An input without a shape, an initializer of 2^64 * 3 elements, a NaN
    # Clip bound.
    g = graph_model([helper.make_node("Relu", ["x"], ["y"], name="relu")],
                    [f32("x", [2])], [f32("y", [2])])
    g.graph.input[0].type.tensor_type.ClearField("shape")
    save("input_without_shape.onnx", g)
    huge = TensorProto(name="w", data_type=TensorProto.FLOAT,
                       dims=[2**32, 2**32, 3])
    save("huge_initializer.onnx", graph_model(
        [helper.make_node("Add", ["x", "w"], ["y"], name="add_huge")],
        [f32("x", [3])], [f32("y", [3])], [huge]))
    save("clip_nan.onnx", graph_model(
        [helper.make_node("Clip", ["x", "lo"], ["y"], name="clip_nan")],
        [f32("x", [2])], [f32("y", [2])],
        [const("lo", np.float32(np.nan))]))


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

    more_error_models(save)

    # An input file of the wrong size for valid.onnx (needs 6 floats).
    np.zeros(5, np.float32).tofile(os.path.join(root, "five_floats.bin"))
    np.array([-1, 0, 0.5, 1, 2, 9], np.float32).tofile(
        os.path.join(root, "six_floats.bin"))


if __name__ == "__main__":
    main()
