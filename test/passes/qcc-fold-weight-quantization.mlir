// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fold-weight-quantization))" --split-input-file | FileCheck %s
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fold-weight-quantization))" --split-input-file | qcc-opt --split-input-file | FileCheck %s

// Quantizing a constant is done at compile time with the ONNX rule:
// 0.5/0.125 = 4; -0.25/0.125 = -2; ties go to even: 0.1875/0.125 = 1.5 -> 2,
// 0.3125/0.125 = 2.5 -> 2, -0.0625/0.125 = -0.5 -> 0; 100 saturates to 127
// and -100 to -128.
// CHECK-LABEL: func.func @per_tensor
// CHECK-NEXT: %[[W:.+]] = qgraph.constant dense<{{\[\[}}4, -2, 2, 2, 0, 127, -128]]> : tensor<1x7xi8> -> tensor<1x7x!quant.uniform<i8:f32, 1.250000e-01>>
// CHECK-NEXT: %[[D:.+]] = qgraph.dequantize %[[W]]
// CHECK-NEXT: return %[[D]]
func.func @per_tensor() -> tensor<1x7xf32> {
  %w = qgraph.constant dense<[[0.5, -0.25, 0.1875, 0.3125, -0.0625, 100.0, -100.0]]> : tensor<1x7xf32>
  %q = qgraph.quantize %w : tensor<1x7xf32> -> tensor<1x7x!quant.uniform<i8:f32, 0.125>>
  %d = qgraph.dequantize %q : tensor<1x7x!quant.uniform<i8:f32, 0.125>> -> tensor<1x7xf32>
  return %d : tensor<1x7xf32>
}

// -----

// Per axis 0: row 0 at scale 0.5, row 1 at scale 0.25 with zero point 3;
// the narrow range [-127, 127] saturates -100 to -127.
// CHECK-LABEL: func.func @per_axis0
// CHECK: qgraph.constant dense<{{\[\[}}2, -1, -127], [7, -1, 127]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01:3}>>
func.func @per_axis0() -> tensor<2x3xf32> {
  %w = qgraph.constant dense<[[1.0, -0.5, -100.0], [1.0, -1.0, 100.0]]> : tensor<2x3xf32>
  %q = qgraph.quantize %w : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25:3}>>
  %d = qgraph.dequantize %q : tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25:3}>> -> tensor<2x3xf32>
  return %d : tensor<2x3xf32>
}

// -----

// Per axis 1: column c uses scale c; unsigned storage holds ui8 values.
// CHECK-LABEL: func.func @per_axis1_unsigned
// CHECK: qgraph.constant dense<{{\[\[}}12, 11], [14, 255]]> : tensor<2x2xui8> -> tensor<2x2x!quant.uniform<u8:f32:1, {1.000000e+00:10,2.000000e+00:10}>>
func.func @per_axis1_unsigned() -> tensor<2x2xf32> {
  %w = qgraph.constant dense<[[2.0, 2.0], [4.0, 1000.0]]> : tensor<2x2xf32>
  %q = qgraph.quantize %w : tensor<2x2xf32> -> tensor<2x2x!quant.uniform<u8:f32:1, {1.0:10, 2.0:10}>>
  %d = qgraph.dequantize %q : tensor<2x2x!quant.uniform<u8:f32:1, {1.0:10, 2.0:10}>> -> tensor<2x2xf32>
  return %d : tensor<2x2xf32>
}

// -----

// A float bias next to a dequantized input (scale 0.5) and a per-tensor
// weight (scale 0.25) becomes int32 at scale 0.125: 1.0 -> 8, -0.3 -> -2.4
// -> -2, 0.0625 -> 0.5 -> 0 (half to even).
// CHECK-LABEL: func.func @bias_per_tensor
// CHECK: %[[B:.+]] = qgraph.constant dense<[8, -2, 0]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK: %[[BD:.+]] = qgraph.dequantize %[[B]] : tensor<3x!quant.uniform<i32:f32, 1.250000e-01>> -> tensor<3xf32>
// CHECK: qgraph.linear %{{.+}}, %{{.+}}, %[[BD]]
func.func @bias_per_tensor(%x: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3xf32> {
  %xd = qgraph.dequantize %x : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wd = qgraph.dequantize %w : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %b = qgraph.constant dense<[1.0, -0.3, 0.0625]> : tensor<3xf32>
  %y = qgraph.linear %xd, %wd, %b : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// With per-channel weights the bias is per channel too: scales 0.5 * {0.5, 0.25}.
// CHECK-LABEL: func.func @bias_per_channel
// CHECK: qgraph.constant dense<[4, -8]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {2.500000e-01,1.250000e-01}>>
func.func @bias_per_channel(%x: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>, %w: tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) -> tensor<2x2xf32> {
  %xd = qgraph.dequantize %x : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wd = qgraph.dequantize %w : tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<2x4xf32>
  %b = qgraph.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %y = qgraph.linear %xd, %wd, %b : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// Not folded: a quantize of a run-time value, and a bias whose input scale is
// unknown (the input is not dequantized).
// CHECK-LABEL: func.func @not_constant
// CHECK: qgraph.quantize %arg0
// CHECK: %[[B:.+]] = qgraph.constant dense<1.000000e+00> : tensor<3xf32>
// CHECK: qgraph.linear %arg1, %{{.+}}, %[[B]]
func.func @not_constant(%a: tensor<4xf32>, %x: tensor<2x4xf32>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.25>>) -> (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<2x3xf32>) {
  %q = qgraph.quantize %a : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %wd = qgraph.dequantize %w : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %b = qgraph.constant dense<1.0> : tensor<3xf32>
  %y = qgraph.linear %x, %wd, %b : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %q, %y : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<2x3xf32>
}
