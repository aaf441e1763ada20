// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=int-single-round}))" --split-input-file | FileCheck %s --check-prefix=SINGLE
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=onnx}))" --split-input-file | FileCheck %s --check-prefix=ONNX
// Fusion of elementwise operations: add -> qint.add, quantize(dequantize)
// with or without a relu or clip between them -> qint.requantize or nothing.
// Multipliers and shifts: frexp(real) = q * 2^e, multiplier = round(q *
// 2^31), shift = e (qcc::rt::quantizeMultiplier, computed with Python's
// math.frexp); onnx scales are float32 quotients (computed with
// struct.pack('f')).

// Integer add (TFLite): both inputs to the common scale 2 * max(0.1, 0.3) =
// 0.6 with 20 bits of headroom. lhs 0.1 / 0.6 = 1/6 = (2/3) * 2^-2:
// multiplier round(2/3 * 2^31) = 1431655765, shift -2; rhs 0.3 / 0.6 = 0.5:
// 2^30, shift 0; output 0.6 / (2^20 * 0.2) = 0.75 * 2^-18: 1610612736, -18.
// The input rescales have zero point 0 and the full int32 clamp.
// With numerics=onnx: no left shift, float32 ratios 0.1 / 0.2 = 0.5 and
// 0.3 / 0.2 = 1.5, output scale 1.
// CHECK-LABEL: func.func @add
// CHECK-DAG: %[[A:.+]] = qint.storage_cast %arg0 : tensor<2x3x!quant.uniform<u8:f32, 1.000000e-01:3>> to tensor<2x3xui8>
// CHECK-DAG: %[[B:.+]] = qint.storage_cast %arg1 : tensor<2x3x!quant.uniform<u8:f32, 3.000000e-01:200>> to tensor<2x3xui8>
// CHECK: %[[S:.+]] = qint.add %[[A]], %[[B]] {left_shift = 20 : i32, lhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1431655765], shift = [-2]>, lhs_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = 5, clamp = [0, 255], multiplier = [1610612736], shift = [-18]>, rhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>, rhs_zero_point = 200 : i32} : tensor<2x3xui8>
// CHECK: %[[Q:.+]] = qint.storage_cast %[[S]] : tensor<2x3xui8> to tensor<2x3x!quant.uniform<u8:f32, 2.000000e-01:5>>
// CHECK: return %[[Q]]
// CHECK-NOT: qgraph.
// SINGLE-LABEL: func.func @add
// SINGLE: left_shift = 20 : i32, lhs_rescale = #qint.requant<single_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1431655765], shift = [-2]>, lhs_zero_point = 3 : i32, requant = #qint.requant<single_round, zp = 5, clamp = [0, 255], multiplier = [1610612736], shift = [-18]>
// ONNX-LABEL: func.func @add
// ONNX: qint.add %{{.+}}, %{{.+}} {left_shift = 0 : i32, lhs_rescale = #qint.requant<float_half_even, zp = 0, clamp = [-2147483648, 2147483647], scale = [0.5]>, lhs_zero_point = 3 : i32, requant = #qint.requant<float_half_even, zp = 5, clamp = [0, 255], scale = [1.0]>, rhs_rescale = #qint.requant<float_half_even, zp = 0, clamp = [-2147483648, 2147483647], scale = [1.5]>, rhs_zero_point = 200 : i32} : tensor<2x3xui8>
func.func @add(%aq: tensor<2x3x!quant.uniform<u8:f32, 0.1:3>>, %bq: tensor<2x3x!quant.uniform<u8:f32, 0.3:200>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.2:5>> {
  %a = qgraph.dequantize %aq : tensor<2x3x!quant.uniform<u8:f32, 0.1:3>> -> tensor<2x3xf32>
  %b = qgraph.dequantize %bq : tensor<2x3x!quant.uniform<u8:f32, 0.3:200>> -> tensor<2x3xf32>
  %y = qgraph.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %q = qgraph.quantize %y : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32, 0.2:5>>
  return %q : tensor<2x3x!quant.uniform<u8:f32, 0.2:5>>
}

// -----

// Images add in NHWC, between transposes. Equal input scales 0.5: each
// input 0.5 / 1 = 0.5 (2^30, 0); output 1 / (2^20 * 0.25) = 2^-18 = 0.5 *
// 2^-17: 2^30, shift -17. int8 throughout.
// CHECK-LABEL: func.func @add_images
// CHECK: %[[A:.+]] = qint.transpose %{{.+}} {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x2x3x4xi8> -> tensor<1x3x4x2xi8>
// CHECK: %[[B:.+]] = qint.transpose %{{.+}} {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x2x3x4xi8> -> tensor<1x3x4x2xi8>
// CHECK: %[[S:.+]] = qint.add %[[A]], %[[B]] {left_shift = 20 : i32, lhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>, lhs_zero_point = -1 : i32, requant = #qint.requant<double_round, zp = -128, clamp = [-128, 127], multiplier = [1073741824], shift = [-17]>, rhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>, rhs_zero_point = 2 : i32} : tensor<1x3x4x2xi8>
// CHECK: qint.transpose %[[S]] {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x3x4x2xi8> -> tensor<1x2x3x4xi8>
// CHECK-NOT: qgraph.add
func.func @add_images(%aq: tensor<1x2x3x4x!quant.uniform<i8:f32, 0.5:-1>>, %bq: tensor<1x2x3x4x!quant.uniform<i8:f32, 0.5:2>>) -> tensor<1x2x3x4x!quant.uniform<i8:f32, 0.25:-128>> {
  %a = qgraph.dequantize %aq : tensor<1x2x3x4x!quant.uniform<i8:f32, 0.5:-1>> -> tensor<1x2x3x4xf32>
  %b = qgraph.dequantize %bq : tensor<1x2x3x4x!quant.uniform<i8:f32, 0.5:2>> -> tensor<1x2x3x4xf32>
  %y = qgraph.add %a, %b : (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  %q = qgraph.quantize %y : tensor<1x2x3x4xf32> -> tensor<1x2x3x4x!quant.uniform<i8:f32, 0.25:-128>>
  return %q : tensor<1x2x3x4x!quant.uniform<i8:f32, 0.25:-128>>
}

// -----

// A ReLU after the add raises the output clamp to the zero point 5.
// CHECK-LABEL: func.func @add_relu
// CHECK: qint.add {{.+}}requant = #qint.requant<double_round, zp = 5, clamp = [5, 255], multiplier = [1610612736], shift = [-18]>
// CHECK-NOT: qgraph.relu
// ONNX-LABEL: func.func @add_relu
// ONNX: requant = #qint.requant<float_half_even, zp = 5, clamp = [5, 255], scale = [1.0]>
func.func @add_relu(%aq: tensor<2x3x!quant.uniform<u8:f32, 0.1:3>>, %bq: tensor<2x3x!quant.uniform<u8:f32, 0.3:200>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.2:5>> {
  %a = qgraph.dequantize %aq : tensor<2x3x!quant.uniform<u8:f32, 0.1:3>> -> tensor<2x3xf32>
  %b = qgraph.dequantize %bq : tensor<2x3x!quant.uniform<u8:f32, 0.3:200>> -> tensor<2x3xf32>
  %y = qgraph.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %r = qgraph.relu %y : tensor<2x3xf32>
  %q = qgraph.quantize %r : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32, 0.2:5>>
  return %q : tensor<2x3x!quant.uniform<u8:f32, 0.2:5>>
}

// -----

// quantize(dequantize(x)) to another quantization: requant(x - 3) at
// 0.1 / 0.3 = 1/3 = (2/3) * 2^-1: multiplier 1431655765, shift -1; u8 in,
// i8 out (zero point -7, full int8 clamp). onnx: float32 0.1 / 0.3 =
// 0.333333313.
// CHECK-LABEL: func.func @requantize
// CHECK: %[[X:.+]] = qint.storage_cast %arg0 : tensor<4x!quant.uniform<u8:f32, 1.000000e-01:3>> to tensor<4xui8>
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[X]] {input_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = -7, clamp = [-128, 127], multiplier = [1431655765], shift = [-1]>} : tensor<4xui8> -> tensor<4xi8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[R]] : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 3.000000e-01:-7>>
// CHECK-NEXT: return %[[Q]]
// CHECK-NOT: qgraph.
// ONNX-LABEL: func.func @requantize
// ONNX: qint.requantize %{{.+}} {input_zero_point = 3 : i32, requant = #qint.requant<float_half_even, zp = -7, clamp = [-128, 127], scale = [0.333333313]>} : tensor<4xui8> -> tensor<4xi8>
func.func @requantize(%xq: tensor<4x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.3:-7>> {
  %x = qgraph.dequantize %xq : tensor<4x!quant.uniform<u8:f32, 0.1:3>> -> tensor<4xf32>
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.3:-7>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.3:-7>>
}

// -----

// quantize(dequantize(x)) with one quantization is x: nothing is left.
// CHECK-LABEL: func.func @identity
// CHECK-NEXT: return %arg0 : tensor<4x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK-NOT: qint.
// CHECK-NOT: qgraph.
func.func @identity(%xq: tensor<4x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<u8:f32, 0.1:3>> {
  %x = qgraph.dequantize %xq : tensor<4x!quant.uniform<u8:f32, 0.1:3>> -> tensor<4xf32>
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// A ReLU between dequantize and quantize of one quantization is a clamp to
// [zero point, 255] at scale 1 (2^30, shift 1).
// CHECK-LABEL: func.func @relu_same_quantization
// CHECK: qint.requantize %{{.+}} {input_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = 3, clamp = [3, 255], multiplier = [1073741824], shift = [1]>} : tensor<4xui8> -> tensor<4xui8>
// CHECK-NOT: qgraph.relu
func.func @relu_same_quantization(%xq: tensor<4x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<u8:f32, 0.1:3>> {
  %x = qgraph.dequantize %xq : tensor<4x!quant.uniform<u8:f32, 0.1:3>> -> tensor<4xf32>
  %r = qgraph.relu %x : tensor<4xf32>
  %q = qgraph.quantize %r : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// A clip and a change of scale at once: 0.5 / 0.25 = 2 (2^30, shift 2);
// clip [-1, 2] at scale 0.25, zero point 10 is [-4 + 10, 8 + 10] = [6, 18].
// CHECK-LABEL: func.func @clip_requantize
// CHECK: qint.requantize %{{.+}} {input_zero_point = -2 : i32, requant = #qint.requant<double_round, zp = 10, clamp = [6, 18], multiplier = [1073741824], shift = [2]>} : tensor<4xi8> -> tensor<4xi8>
// CHECK-NOT: qgraph.clip
func.func @clip_requantize(%xq: tensor<4x!quant.uniform<i8:f32, 0.5:-2>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:10>> {
  %x = qgraph.dequantize %xq : tensor<4x!quant.uniform<i8:f32, 0.5:-2>> -> tensor<4xf32>
  %c = qgraph.clip %x {min = -1.0 : f32, max = 2.0 : f32} : tensor<4xf32>
  %q = qgraph.quantize %c : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.25:10>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.25:10>>
}

// -----

// A clip wider than the quantized range only where it matters: [-100, 1] at
// scale 0.25, zero point 10 quantizes to [-400 + 10 -> saturated -128,
// 4 + 10 = 14]; the lower bound stays the storage minimum, the upper one
// comes from the clip.
// CHECK-LABEL: func.func @clip_partly_wider
// CHECK: qint.requantize %{{.+}} {input_zero_point = 10 : i32, requant = #qint.requant<double_round, zp = 10, clamp = [-128, 14], multiplier = [1073741824], shift = [1]>} : tensor<4xi8> -> tensor<4xi8>
// CHECK-NOT: qgraph.clip
func.func @clip_partly_wider(%xq: tensor<4x!quant.uniform<i8:f32, 0.25:10>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:10>> {
  %x = qgraph.dequantize %xq : tensor<4x!quant.uniform<i8:f32, 0.25:10>> -> tensor<4xf32>
  %c = qgraph.clip %x {min = -100.0 : f32, max = 1.0 : f32} : tensor<4xf32>
  %q = qgraph.quantize %c : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.25:10>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.25:10>>
}

// -----

// A clip wider than the whole quantized range ([-1000, 1000] at scale 0.25
// saturates to [-128, 127]) clamps nothing: with one quantization in and
// out the group is x itself.
// CHECK-LABEL: func.func @clip_wider_than_range
// CHECK-NEXT: return %arg0
// CHECK-NOT: qgraph.
// CHECK-NOT: qint.
func.func @clip_wider_than_range(%xq: tensor<4x!quant.uniform<i8:f32, 0.25:10>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:10>> {
  %x = qgraph.dequantize %xq : tensor<4x!quant.uniform<i8:f32, 0.25:10>> -> tensor<4xf32>
  %c = qgraph.clip %x {min = -1000.0 : f32, max = 1000.0 : f32} : tensor<4xf32>
  %q = qgraph.quantize %c : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.25:10>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.25:10>>
}

// -----

// The same wide clip with a change of scale: a requantize with the full
// int8 clamp (0.25 / 0.5 = 0.5: 2^30, shift 0).
// CHECK-LABEL: func.func @clip_wider_requantize
// CHECK: qint.requantize %{{.+}} {input_zero_point = 10 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>} : tensor<4xi8> -> tensor<4xi8>
// CHECK-NOT: qgraph.clip
func.func @clip_wider_requantize(%xq: tensor<4x!quant.uniform<i8:f32, 0.25:10>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %x = qgraph.dequantize %xq : tensor<4x!quant.uniform<i8:f32, 0.25:10>> -> tensor<4xf32>
  %c = qgraph.clip %x {min = -1000.0 : f32, max = 1000.0 : f32} : tensor<4xf32>
  %q = qgraph.quantize %c : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5>>
}
