// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=onnx}))" --split-input-file | FileCheck %s --check-prefix=ONNX
// Fusion of data movement: concat -> qint.concat (inputs requantized to the
// output's quantization where it differs), and reshape, flatten and
// transpose between a dequantize and a quantize of one quantization -> the
// same move on the integers. Multipliers and shifts: frexp(real) = q * 2^e,
// multiplier = round(q * 2^31), shift = e (qcc::rt::quantizeMultiplier).

// Inputs with the output's quantization are copied: no requants, no zero
// points. Images concatenate in NHWC, so the NCHW channel axis 1 becomes 3.
// CHECK-LABEL: func.func @concat_same_quantization
// CHECK: %[[A:.+]] = qint.transpose %{{.+}} {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x2x3x3xui8> -> tensor<1x3x3x2xui8>
// CHECK: %[[B:.+]] = qint.transpose %{{.+}} {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x4x3x3xui8> -> tensor<1x3x3x4xui8>
// CHECK: %[[C:.+]] = qint.concat %[[A]], %[[B]] {axis = 3 : i64} : (tensor<1x3x3x2xui8>, tensor<1x3x3x4xui8>) -> tensor<1x3x3x6xui8>
// CHECK-NEXT: %[[CT:.+]] = qint.transpose %[[C]] {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x3x3x6xui8> -> tensor<1x6x3x3xui8>
// CHECK-NEXT: qint.storage_cast %[[CT]] : tensor<1x6x3x3xui8> to tensor<1x6x3x3x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK-NOT: qgraph.
func.func @concat_same_quantization(%aq: tensor<1x2x3x3x!quant.uniform<u8:f32, 0.1:3>>, %bq: tensor<1x4x3x3x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<1x6x3x3x!quant.uniform<u8:f32, 0.1:3>> {
  %a = qgraph.dequantize %aq : tensor<1x2x3x3x!quant.uniform<u8:f32, 0.1:3>> -> tensor<1x2x3x3xf32>
  %b = qgraph.dequantize %bq : tensor<1x4x3x3x!quant.uniform<u8:f32, 0.1:3>> -> tensor<1x4x3x3xf32>
  %c = qgraph.concat %a, %b {axis = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x6x3x3xf32>
  %q = qgraph.quantize %c : tensor<1x6x3x3xf32> -> tensor<1x6x3x3x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<1x6x3x3x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// Inputs of other scales are requantized, each from its own zero point, to
// the output's: 0.1 / 0.2 = 0.5 (2^30, shift 0), 0.2 / 0.2 = 1 (2^30,
// shift 1, the zero point 0 -> 7 still changes), 0.3 / 0.2 = 1.5 =
// 0.75 * 2^1 (1610612736, shift 1). Not an image: the axis stays 1.
// CHECK-LABEL: func.func @concat_requantize
// CHECK: qint.concat %{{.+}}, %{{.+}}, %{{.+}} {axis = 1 : i64, input_zero_points = array<i32: 3, 0, 250>, requants = [#qint.requant<double_round, zp = 7, clamp = [0, 255], multiplier = [1073741824], shift = [0]>, #qint.requant<double_round, zp = 7, clamp = [0, 255], multiplier = [1073741824], shift = [1]>, #qint.requant<double_round, zp = 7, clamp = [0, 255], multiplier = [1610612736], shift = [1]>]} : (tensor<2x1xui8>, tensor<2x2xui8>, tensor<2x3xui8>) -> tensor<2x6xui8>
// CHECK-NOT: qgraph.
// ONNX-LABEL: func.func @concat_requantize
// ONNX: requants = [#qint.requant<float_half_even, zp = 7, clamp = [0, 255], scale = [0.5]>, #qint.requant<float_half_even, zp = 7, clamp = [0, 255], scale = [1.0]>, #qint.requant<float_half_even, zp = 7, clamp = [0, 255], scale = [1.5]>]
func.func @concat_requantize(%aq: tensor<2x1x!quant.uniform<u8:f32, 0.1:3>>, %bq: tensor<2x2x!quant.uniform<u8:f32, 0.2>>, %cq: tensor<2x3x!quant.uniform<u8:f32, 0.3:250>>) -> tensor<2x6x!quant.uniform<u8:f32, 0.2:7>> {
  %a = qgraph.dequantize %aq : tensor<2x1x!quant.uniform<u8:f32, 0.1:3>> -> tensor<2x1xf32>
  %b = qgraph.dequantize %bq : tensor<2x2x!quant.uniform<u8:f32, 0.2>> -> tensor<2x2xf32>
  %c = qgraph.dequantize %cq : tensor<2x3x!quant.uniform<u8:f32, 0.3:250>> -> tensor<2x3xf32>
  %y = qgraph.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %q = qgraph.quantize %y : tensor<2x6xf32> -> tensor<2x6x!quant.uniform<u8:f32, 0.2:7>>
  return %q : tensor<2x6x!quant.uniform<u8:f32, 0.2:7>>
}

// -----

// One quantization everywhere, but a ReLU after the concat: the inputs are
// not copied, each is requantized at scale 1 (2^30, shift 1) with the clamp
// raised to the zero point 3.
// CHECK-LABEL: func.func @concat_relu
// CHECK: qint.concat %{{.+}}, %{{.+}} {axis = 0 : i64, input_zero_points = array<i32: 3, 3>, requants = [#qint.requant<double_round, zp = 3, clamp = [3, 255], multiplier = [1073741824], shift = [1]>, #qint.requant<double_round, zp = 3, clamp = [3, 255], multiplier = [1073741824], shift = [1]>]} : (tensor<2x2xui8>, tensor<1x2xui8>) -> tensor<3x2xui8>
// CHECK-NOT: qgraph.relu
func.func @concat_relu(%aq: tensor<2x2x!quant.uniform<u8:f32, 0.1:3>>, %bq: tensor<1x2x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<3x2x!quant.uniform<u8:f32, 0.1:3>> {
  %a = qgraph.dequantize %aq : tensor<2x2x!quant.uniform<u8:f32, 0.1:3>> -> tensor<2x2xf32>
  %b = qgraph.dequantize %bq : tensor<1x2x!quant.uniform<u8:f32, 0.1:3>> -> tensor<1x2xf32>
  %y = qgraph.concat %a, %b {axis = 0 : i64} : (tensor<2x2xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
  %r = qgraph.relu %y : tensor<3x2xf32>
  %q = qgraph.quantize %r : tensor<3x2xf32> -> tensor<3x2x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<3x2x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// dequantize -> transpose -> quantize with one quantization: a transpose of
// the integers.
// CHECK-LABEL: func.func @transpose
// CHECK: %[[X:.+]] = qint.storage_cast %arg0 : tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:-1>> to tensor<2x3xi8>
// CHECK-NEXT: %[[T:.+]] = qint.transpose %[[X]] {permutation = array<i64: 1, 0>} : tensor<2x3xi8> -> tensor<3x2xi8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[T]] : tensor<3x2xi8> to tensor<3x2x!quant.uniform<i8:f32, 2.500000e-01:-1>>
// CHECK-NEXT: return %[[Q]]
// CHECK-NOT: qgraph.
func.func @transpose(%xq: tensor<2x3x!quant.uniform<i8:f32, 0.25:-1>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.25:-1>> {
  %x = qgraph.dequantize %xq : tensor<2x3x!quant.uniform<i8:f32, 0.25:-1>> -> tensor<2x3xf32>
  %t = qgraph.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %q = qgraph.quantize %t : tensor<3x2xf32> -> tensor<3x2x!quant.uniform<i8:f32, 0.25:-1>>
  return %q : tensor<3x2x!quant.uniform<i8:f32, 0.25:-1>>
}

// -----

// dequantize -> reshape -> quantize with one quantization: a reshape of the
// integers.
// CHECK-LABEL: func.func @reshape
// CHECK: %[[X:.+]] = qint.storage_cast %arg0 : tensor<2x6x!quant.uniform<u8:f32, 1.000000e-01:3>> to tensor<2x6xui8>
// CHECK-NEXT: %[[R:.+]] = qint.reshape %[[X]] : tensor<2x6xui8> -> tensor<3x4xui8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[R]] : tensor<3x4xui8> to tensor<3x4x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK-NEXT: return %[[Q]]
// CHECK-NOT: qgraph.
func.func @reshape(%xq: tensor<2x6x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<3x4x!quant.uniform<u8:f32, 0.1:3>> {
  %x = qgraph.dequantize %xq : tensor<2x6x!quant.uniform<u8:f32, 0.1:3>> -> tensor<2x6xf32>
  %r = qgraph.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
  %q = qgraph.quantize %r : tensor<3x4xf32> -> tensor<3x4x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<3x4x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// A flatten of an image before a classifier (a reshape to [N, C * H * W]):
// a reshape of the NCHW integers, with no NHWC transpose.
// CHECK-LABEL: func.func @flatten
// CHECK: %[[X:.+]] = qint.storage_cast %arg0 : tensor<1x4x2x2x!quant.uniform<u8:f32, 1.000000e-01:3>> to tensor<1x4x2x2xui8>
// CHECK-NEXT: %[[R:.+]] = qint.reshape %[[X]] : tensor<1x4x2x2xui8> -> tensor<1x16xui8>
// CHECK-NEXT: qint.storage_cast %[[R]] : tensor<1x16xui8> to tensor<1x16x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK-NOT: qint.transpose
// CHECK-NOT: qgraph.
func.func @flatten(%xq: tensor<1x4x2x2x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<1x16x!quant.uniform<u8:f32, 0.1:3>> {
  %x = qgraph.dequantize %xq : tensor<1x4x2x2x!quant.uniform<u8:f32, 0.1:3>> -> tensor<1x4x2x2xf32>
  %r = qgraph.reshape %x : tensor<1x4x2x2xf32> -> tensor<1x16xf32>
  %q = qgraph.quantize %r : tensor<1x16xf32> -> tensor<1x16x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<1x16x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// A reshape and a transpose of quantized values (QOperator graphs flatten
// uint8 tensors without dequantizing them) move the integers too.
// CHECK-LABEL: func.func @move_quantized
// CHECK: %[[X:.+]] = qint.storage_cast %arg0 : tensor<2x3x!quant.uniform<u8:f32, 1.000000e-01:3>> to tensor<2x3xui8>
// CHECK-NEXT: %[[R:.+]] = qint.reshape %[[X]] : tensor<2x3xui8> -> tensor<3x2xui8>
// CHECK-NEXT: %[[T:.+]] = qint.transpose %[[R]] {permutation = array<i64: 1, 0>} : tensor<3x2xui8> -> tensor<2x3xui8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[T]] : tensor<2x3xui8> to tensor<2x3x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK-NEXT: return %[[Q]]
// CHECK-NOT: qgraph.
func.func @move_quantized(%xq: tensor<2x3x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.1:3>> {
  %r = qgraph.reshape %xq : tensor<2x3x!quant.uniform<u8:f32, 0.1:3>> -> tensor<3x2x!quant.uniform<u8:f32, 0.1:3>>
  %t = qgraph.transpose %r {permutation = array<i64: 1, 0>} : tensor<3x2x!quant.uniform<u8:f32, 0.1:3>> -> tensor<2x3x!quant.uniform<u8:f32, 0.1:3>>
  return %t : tensor<2x3x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// A transpose between a dequantize and a quantize of another scale moves
// the integers, then requantizes them: 0.5 / 0.25 = 2 = 2^30 * 2^(2 - 31),
// zero point 128 -> 10.
// CHECK-LABEL: func.func @transpose_requantized
// CHECK: %[[T:.+]] = qint.transpose %{{.+}} {permutation = array<i64: 1, 0>} : tensor<2x3xui8> -> tensor<3x2xui8>
// CHECK: qint.requantize %[[T]] {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 10, clamp = [0, 255], multiplier = [1073741824], shift = [2]>} : tensor<3x2xui8> -> tensor<3x2xui8>
// CHECK-NOT: qgraph.transpose
func.func @transpose_requantized(%xq: tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<3x2x!quant.uniform<u8:f32, 0.25:10>> {
  %x = qgraph.dequantize %xq : tensor<2x3x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x3xf32>
  %y = qgraph.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %q = qgraph.quantize %y : tensor<3x2xf32> -> tensor<3x2x!quant.uniform<u8:f32, 0.25:10>>
  return %q : tensor<3x2x!quant.uniform<u8:f32, 0.25:10>>
}

// -----

// uint8 in, int8 out: the reshape moves uint8, the requantize changes the
// type (scale 1 = 2^30 * 2^(1 - 31), zero point 128 -> 0).
// CHECK-LABEL: func.func @reshape_to_int8
// CHECK: %[[R:.+]] = qint.reshape %{{.+}} : tensor<2x3xui8> -> tensor<6xui8>
// CHECK: qint.requantize %[[R]] {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [1]>} : tensor<6xui8> -> tensor<6xi8>
func.func @reshape_to_int8(%xq: tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<6x!quant.uniform<i8:f32, 0.5>> {
  %x = qgraph.dequantize %xq : tensor<2x3x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x3xf32>
  %y = qgraph.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
  %q = qgraph.quantize %y : tensor<6xf32> -> tensor<6x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<6x!quant.uniform<i8:f32, 0.5>>
}
