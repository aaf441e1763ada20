// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// Dynamic quantization: linear(dynamic_quantize x, dequantize W) [+ float
// bias] [-> relu] becomes qint.dynamic_fully_connected, which takes the float
// input, the int8 weight, its scales and zero points, and the range rule of
// the dynamic_quantize (qmin, qmax, storage range, fallback scale).

// No bias, a per-tensor weight (scale 0.0625, zero point 0): one weight
// scale and one zero point; the range rule is copied from dynamic_quantize
// (PyTorch's reduce_range: qmax 127 in a uint8 storage).
// CHECK-LABEL: func.func @dynamic_linear
// CHECK: %[[W:.+]] = qint.constant dense<{{\[\[}}1, -2, 3], [-4, 5, -6]]> : tensor<2x3xi8>
// CHECK-NEXT: %[[Y:.+]] = qint.dynamic_fully_connected %arg0, %[[W]] {fallback_scale = 1.000000e-01 : f32, qmax = 127 : i32, qmin = 0 : i32, storage_max = 255 : i32, storage_min = 0 : i32, weight_scales = array<f32: 6.250000e-02>, weight_zero_points = array<i32: 0>} : (tensor<4x3xf32>, tensor<2x3xi8>) -> tensor<4x2xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: relu
// CHECK-NOT: qgraph.
func.func @dynamic_linear(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 127 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.1 : f32} : tensor<4x3xf32>
  %wq = qgraph.constant dense<[[1, -2, 3], [-4, 5, -6]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.0625>>
  %w = qgraph.dequantize %wq : tensor<2x3x!quant.uniform<i8:f32, 0.0625>> -> tensor<2x3xf32>
  %y = qgraph.linear %d, %w : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// A float constant bias stays float (the epilogue is float), and the ReLU
// that follows becomes the `relu` flag. Per-channel weights keep one scale
// and one zero point per output channel. ONNX's DynamicQuantizeLinear
// range: qmax 255.
// CHECK-LABEL: func.func @dynamic_linear_bias_relu
// CHECK-DAG: %[[W:.+]] = qint.constant dense<{{\[\[}}1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8>
// CHECK-DAG: %[[B:.+]] = qgraph.constant dense<[5.000000e-01, -1.500000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.+]] = qint.dynamic_fully_connected %arg0, %[[W]], %[[B]] {fallback_scale = 1.000000e+00 : f32, qmax = 255 : i32, qmin = 0 : i32, relu, storage_max = 255 : i32, storage_min = 0 : i32, weight_scales = array<f32: 5.000000e-01, 2.500000e-01>, weight_zero_points = array<i32: 0, 3>} : (tensor<4x3xf32>, tensor<2x3xi8>, tensor<2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: qgraph.relu
// CHECK-NOT: qgraph.linear
func.func @dynamic_linear_bias_relu(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : tensor<4x3xf32>
  %wq = qgraph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.5, 0.25:3}>>
  %w = qgraph.dequantize %wq : tensor<2x3x!quant.uniform<i8:f32:0, {0.5, 0.25:3}>> -> tensor<2x3xf32>
  %b = qgraph.constant dense<[0.5, -1.5]> : tensor<2xf32>
  %y = qgraph.linear %d, %w, %b : (tensor<4x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %r = qgraph.relu %y : tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

// Per-channel weights whose scales and zero points all agree are kept as one.
// CHECK-LABEL: func.func @dynamic_equal_channels
// CHECK: qint.dynamic_fully_connected {{.+}}weight_scales = array<f32: 2.500000e-01>, weight_zero_points = array<i32: -1>}
func.func @dynamic_equal_channels(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:0, {0.25:-1, 0.25:-1}>>
  %w = qgraph.dequantize %wq : tensor<2x2x!quant.uniform<i8:f32:0, {0.25:-1, 0.25:-1}>> -> tensor<2x2xf32>
  %y = qgraph.linear %d, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// A MatMul on a rank-3 input reaches the linear through a reshape of the
// dynamically quantized value. The range is measured over the whole tensor
// whatever its shape, so the reshape moves above dynamic_quantize (to the
// float input), and the linear fuses.
// CHECK-LABEL: func.func @reshape_hoisted
// CHECK: %[[R:.+]] = qgraph.reshape %arg0 : tensor<2x3x4xf32> -> tensor<6x4xf32>
// CHECK: %[[Y:.+]] = qint.dynamic_fully_connected %[[R]], %{{.+}} {fallback_scale = 1.000000e-01 : f32, qmax = 127 : i32, qmin = 0 : i32, storage_max = 255 : i32, storage_min = 0 : i32, weight_scales = array<f32: 1.250000e-01>, weight_zero_points = array<i32: 0>} : (tensor<6x4xf32>, tensor<5x4xi8>) -> tensor<6x5xf32>
// CHECK-NEXT: %[[O:.+]] = qgraph.reshape %[[Y]] : tensor<6x5xf32> -> tensor<2x3x5xf32>
// CHECK-NEXT: return %[[O]]
// CHECK-NOT: qgraph.dynamic_quantize
// CHECK-NOT: qgraph.linear
func.func @reshape_hoisted(%x: tensor<2x3x4xf32>) -> tensor<2x3x5xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 127 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.1 : f32} : tensor<2x3x4xf32>
  %r = qgraph.reshape %d : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %wq = qgraph.constant dense<2> : tensor<5x4xi8> -> tensor<5x4x!quant.uniform<i8:f32, 0.125>>
  %w = qgraph.dequantize %wq : tensor<5x4x!quant.uniform<i8:f32, 0.125>> -> tensor<5x4xf32>
  %y = qgraph.linear %r, %w : (tensor<6x4xf32>, tensor<5x4xf32>) -> tensor<6x5xf32>
  %o = qgraph.reshape %y : tensor<6x5xf32> -> tensor<2x3x5xf32>
  return %o : tensor<2x3x5xf32>
}

// -----

// Without a linear after it, the reshape still moves above the
// dynamic_quantize: reshape(dynamic_quantize x) = dynamic_quantize(reshape
// x), with the same range rule.
// CHECK-LABEL: func.func @reshape_hoisted_alone
// CHECK: %[[R:.+]] = qgraph.reshape %arg0 : tensor<2x3xf32> -> tensor<6xf32>
// CHECK-NEXT: %[[D:.+]] = qgraph.dynamic_quantize %[[R]] {fallback_scale = 5.000000e-01 : f32, qmax = 127 : i32, qmin = 0 : i32, storage_max = 255 : i32, storage_min = 0 : i32} : tensor<6xf32>
// CHECK-NEXT: return %[[D]]
func.func @reshape_hoisted_alone(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 127 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.5 : f32} : tensor<2x3xf32>
  %r = qgraph.reshape %d : tensor<2x3xf32> -> tensor<6xf32>
  return %r : tensor<6xf32>
}
