// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=int-single-round}))" --split-input-file | FileCheck %s --check-prefix=SINGLE
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=onnx}))" --split-input-file | FileCheck %s --check-prefix=ONNX
// The rewrites that must happen; qcc-fuse-qdq-negative.mlir has those that
// must not.

// Per tensor, with bias and ReLU. The real scale is 0.5 * 0.25 / 0.25 = 0.5:
// multiplier 2^30, shift 0. ReLU raises the clamp to the output zero point 10.
// CHECK-LABEL: func.func @per_tensor_relu
// CHECK-DAG: %[[W:.+]] = qint.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>
// CHECK-DAG: %[[B:.+]] = qint.constant dense<[7, 8, 9]> : tensor<3xi32>
// CHECK-DAG: %[[X:.+]] = qint.storage_cast %arg0 : tensor<4x2x!quant.uniform<u8:f32, 5.000000e-01:128>> to tensor<4x2xui8>
// CHECK: %[[Y:.+]] = qint.fully_connected %[[X]], %[[W]], %[[B]] {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 10, clamp = [10, 255], multiplier = [1073741824], shift = [0]>, weight_zero_points = array<i32: 0>} : (tensor<4x2xui8>, tensor<3x2xi8>, tensor<3xi32>) -> tensor<4x3xui8>
// CHECK: %[[Q:.+]] = qint.storage_cast %[[Y]] : tensor<4x3xui8> to tensor<4x3x!quant.uniform<u8:f32, 2.500000e-01:10>>
// CHECK: return %[[Q]]
// CHECK-NOT: qgraph.linear
// SINGLE-LABEL: func.func @per_tensor_relu
// SINGLE: requant = #qint.requant<single_round, zp = 10, clamp = [10, 255], multiplier = [1073741824], shift = [0]>
// ONNX-LABEL: func.func @per_tensor_relu
// ONNX: requant = #qint.requant<float_half_even, zp = 10, clamp = [10, 255], scale = [0.5]>
func.func @per_tensor_relu(%xq: tensor<4x2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x3x!quant.uniform<u8:f32, 0.25:10>> {
  %x = qgraph.dequantize %xq : tensor<4x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4x2xf32>
  %wq = qgraph.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<3x2x!quant.uniform<i8:f32, 0.25>> -> tensor<3x2xf32>
  %bq = qgraph.constant dense<[7, 8, 9]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 0.125>>
  %b = qgraph.dequantize %bq : tensor<3x!quant.uniform<i32:f32, 0.125>> -> tensor<3xf32>
  %y = qgraph.linear %x, %w, %b : (tensor<4x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  %r = qgraph.relu %y : tensor<4x3xf32>
  %q = qgraph.quantize %r : tensor<4x3xf32> -> tensor<4x3x!quant.uniform<u8:f32, 0.25:10>>
  return %q : tensor<4x3x!quant.uniform<u8:f32, 0.25:10>>
}

// -----

// Per-channel weights, asymmetric, no bias, no ReLU, int8 activations:
// reals 0.5 and 0.25 -> (2^30, 0) and (2^30, -1); the clamp is the full
// int8 range; the zero points stay per channel.
// CHECK-LABEL: func.func @per_channel_asymmetric
// CHECK: qint.fully_connected %{{.+}}, %{{.+}} {input_zero_point = -3 : i32, requant = #qint.requant<double_round, zp = 5, clamp = [-128, 127], multiplier = [1073741824, 1073741824], shift = [0, -1]>, weight_zero_points = array<i32: 1, -2>} : (tensor<1x2xi8>, tensor<2x2xi8>) -> tensor<1x2xi8>
// ONNX-LABEL: func.func @per_channel_asymmetric
// ONNX: scale = [0.5, 0.25]
func.func @per_channel_asymmetric(%xq: tensor<1x2x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25:5>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:0, {0.25:1, 0.125:-2}>>
  %w = qgraph.dequantize %wq : tensor<2x2x!quant.uniform<i8:f32:0, {0.25:1, 0.125:-2}>> -> tensor<2x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %q = qgraph.quantize %y : tensor<1x2xf32> -> tensor<1x2x!quant.uniform<i8:f32, 0.25:5>>
  return %q : tensor<1x2x!quant.uniform<i8:f32, 0.25:5>>
}

// -----

// Two layers: the storage casts between them fold away, so the second layer
// reads the first one's integer result directly.
// CHECK-LABEL: func.func @two_layers
// CHECK: %[[H:.+]] = qint.fully_connected %{{.+}}, %{{.+}} {{.+}} -> tensor<4x3xui8>
// CHECK-NEXT: %[[Y:.+]] = qint.fully_connected %[[H]], %{{.+}} {input_zero_point = 10 : i32, {{.+}}} : (tensor<4x3xui8>, tensor<2x3xi8>) -> tensor<4x2xui8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[Y]]
// CHECK-NEXT: %[[D:.+]] = qgraph.dequantize %[[Q]]
// CHECK-NEXT: return %[[D]]
func.func @two_layers(%xq: tensor<4x2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x2xf32> {
  %x = qgraph.dequantize %xq : tensor<4x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4x2xf32>
  %w1q = qgraph.constant dense<1> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 0.25>>
  %w1 = qgraph.dequantize %w1q : tensor<3x2x!quant.uniform<i8:f32, 0.25>> -> tensor<3x2xf32>
  %h = qgraph.linear %x, %w1 : (tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
  %hq = qgraph.quantize %h : tensor<4x3xf32> -> tensor<4x3x!quant.uniform<u8:f32, 0.25:10>>
  %hd = qgraph.dequantize %hq : tensor<4x3x!quant.uniform<u8:f32, 0.25:10>> -> tensor<4x3xf32>
  %w2q = qgraph.constant dense<2> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.5>>
  %w2 = qgraph.dequantize %w2q : tensor<2x3x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3xf32>
  %y = qgraph.linear %hd, %w2 : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  %yq = qgraph.quantize %y : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<u8:f32, 0.125:100>>
  %yd = qgraph.dequantize %yq : tensor<4x2x!quant.uniform<u8:f32, 0.125:100>> -> tensor<4x2xf32>
  return %yd : tensor<4x2xf32>
}

// -----

// Exporters round s_in * s_w to float32 for the bias scale: within 1e-5
// relative it is accepted. 0.1 * 0.3 = 0.030000000000000002 in double.
// CHECK-LABEL: func.func @bias_scale_rounded_by_exporter
// CHECK: qint.fully_connected
func.func @bias_scale_rounded_by_exporter(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.1:0>>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.1:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.3>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.3>> -> tensor<1x2xf32>
  %bq = qgraph.constant dense<3> : tensor<1xi32> -> tensor<1x!quant.uniform<i32:f32, 0.0300000012>>
  %b = qgraph.dequantize %bq : tensor<1x!quant.uniform<i32:f32, 0.0300000012>> -> tensor<1xf32>
  %y = qgraph.linear %x, %w, %b : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
}
