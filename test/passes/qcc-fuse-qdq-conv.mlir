// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=onnx}))" --split-input-file | FileCheck %s --check-prefix=ONNX
// Fusion of dequantize -> conv2d [-> relu|clip] -> quantize into qint.conv2d,
// which computes in NHWC with OHWI weights between transposes from and to
// NCHW. Multipliers and shifts come from qcc::rt::quantizeMultiplier:
// frexp(real) = q * 2^e, multiplier = round(q * 2^31), shift = e (computed
// with Python's math.frexp); the onnx scales are the float32 products
// (float(s_in) * float(s_w)) / float(s_out) (computed with struct.pack('f')).

// Per-tensor weight, with bias. The NCHW input is transposed to NHWC
// (0, 2, 3, 1), the result back to NCHW (0, 3, 1, 2). The OIHW weight
// w[o][i][0][k] = [[[[1, 2]], [[3, 4]]], [[[5, 6]], [[7, 8]]]] becomes OHWI
// w[o][0][k][i] = [[[[1, 3], [2, 4]]], [[[5, 7], [6, 8]]]]. The real scale is
// 0.05 * 0.02 / 0.1 = 0.01 = 0.64 * 2^-6: multiplier round(0.64 * 2^31) =
// 1374389535, shift -6. The clamp is the whole u8 range.
// CHECK-LABEL: func.func @per_tensor_nchw
// CHECK-DAG: %[[B:.+]] = qint.constant dense<[7, -8]> : tensor<2xi32>
// CHECK-DAG: %[[W:.+]] = qint.constant dense<{{\[\[\[\[}}1, 3], [2, 4]]], {{\[\[\[}}5, 7], [6, 8]]]]> : tensor<2x1x2x2xi8>
// CHECK: %[[XI:.+]] = qint.storage_cast %arg0 : tensor<1x2x3x3x!quant.uniform<u8:f32, 5.000000e-02:128>> to tensor<1x2x3x3xui8>
// CHECK-NEXT: %[[X:.+]] = qint.transpose %[[XI]] {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x2x3x3xui8> -> tensor<1x3x3x2xui8>
// CHECK-NEXT: %[[Y:.+]] = qint.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 128 : i32, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 3, clamp = [0, 255], multiplier = [1374389535], shift = [-6]>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x3x3x2xui8>, tensor<2x1x2x2xi8>, tensor<2xi32>) -> tensor<1x3x2x2xui8>
// CHECK-NEXT: %[[YT:.+]] = qint.transpose %[[Y]] {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x3x2x2xui8> -> tensor<1x2x3x2xui8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[YT]] : tensor<1x2x3x2xui8> to tensor<1x2x3x2x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK-NEXT: return %[[Q]]
// CHECK-NOT: qgraph.
// ONNX-LABEL: func.func @per_tensor_nchw
// ONNX: requant = #qint.requant<float_half_even, zp = 3, clamp = [0, 255], scale = [0.0100000007]>
func.func @per_tensor_nchw(%xq: tensor<1x2x3x3x!quant.uniform<u8:f32, 0.05:128>>) -> tensor<1x2x3x2x!quant.uniform<u8:f32, 0.1:3>> {
  %x = qgraph.dequantize %xq : tensor<1x2x3x3x!quant.uniform<u8:f32, 0.05:128>> -> tensor<1x2x3x3xf32>
  %wq = qgraph.constant dense<[[[[1, 2]], [[3, 4]]], [[[5, 6]], [[7, 8]]]]> : tensor<2x2x1x2xi8> -> tensor<2x2x1x2x!quant.uniform<i8:f32, 0.02>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x2x!quant.uniform<i8:f32, 0.02>> -> tensor<2x2x1x2xf32>
  %bq = qgraph.constant dense<[7, -8]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.001>>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<i32:f32, 0.001>> -> tensor<2xf32>
  %y = qgraph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<2x2x1x2xf32>, tensor<2xf32>) -> tensor<1x2x3x2xf32>
  %q = qgraph.quantize %y : tensor<1x2x3x2xf32> -> tensor<1x2x3x2x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<1x2x3x2x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// Per-channel symmetric weights (scales 0.5, 0.25, 0.125, zero points 0),
// int8 activations, a per-channel bias at 0.02 * s_w[o]. Reals 0.02 * s_w[o]
// / 0.0625 = 0.16, 0.08, 0.04 = 0.64 * 2^{-2, -3, -4}: one multiplier
// 1374389535 per channel, shifts -2, -3, -4. The zero points agree, so one
// is kept. A 1x1 kernel: OHWI w[o][0][0][i] is the OIHW data reshaped. In
// float32, 0.02 * s_w[o] / 0.0625 is 0.159999996, 0.0799999982, 0.0399999991.
// CHECK-LABEL: func.func @per_channel_symmetric
// CHECK-DAG: %[[B:.+]] = qint.constant dense<[100, -200, 300]> : tensor<3xi32>
// CHECK-DAG: %[[W:.+]] = qint.constant dense<{{\[\[\[\[}}1, 2]]], {{\[\[\[}}3, 4]]], {{\[\[\[}}5, 6]]]]> : tensor<3x1x1x2xi8>
// CHECK: qint.conv2d %{{.+}}, %[[W]], %[[B]] {dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = -4 : i32, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1374389535, 1374389535, 1374389535], shift = [-2, -3, -4]>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x2x2x2xi8>, tensor<3x1x1x2xi8>, tensor<3xi32>) -> tensor<1x2x2x3xi8>
// CHECK-NOT: qgraph.conv2d
// ONNX-LABEL: func.func @per_channel_symmetric
// ONNX: requant = #qint.requant<float_half_even, zp = 0, clamp = [-128, 127], scale = [0.159999996, 0.0799999982, 0.0399999991]>
func.func @per_channel_symmetric(%xq: tensor<1x2x2x2x!quant.uniform<i8:f32, 0.02:-4>>) -> tensor<1x3x2x2x!quant.uniform<i8:f32, 0.0625>> {
  %x = qgraph.dequantize %xq : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.02:-4>> -> tensor<1x2x2x2xf32>
  %wq = qgraph.constant dense<[[[[1]], [[2]]], [[[3]], [[4]]], [[[5]], [[6]]]]> : tensor<3x2x1x1xi8> -> tensor<3x2x1x1x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>
  %w = qgraph.dequantize %wq : tensor<3x2x1x1x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>> -> tensor<3x2x1x1xf32>
  %bq = qgraph.constant dense<[100, -200, 300]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32:0, {0.01, 0.005, 0.0025}>>
  %b = qgraph.dequantize %bq : tensor<3x!quant.uniform<i32:f32:0, {0.01, 0.005, 0.0025}>> -> tensor<3xf32>
  %y = qgraph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x2x2xf32>
  %q = qgraph.quantize %y : tensor<1x3x2x2xf32> -> tensor<1x3x2x2x!quant.uniform<i8:f32, 0.0625>>
  return %q : tensor<1x3x2x2x!quant.uniform<i8:f32, 0.0625>>
}

// -----

// Per-channel asymmetric weights: the zero points 1 and -2 stay per channel.
// Reals 0.1 * {0.03, 0.06} / 0.2 = 0.015, 0.03 = 0.96 * 2^{-6, -5}:
// multiplier round(0.96 * 2^31) = 2061584302, shifts -6, -5.
// CHECK-LABEL: func.func @per_channel_asymmetric
// CHECK: qint.conv2d %{{.+}}, %{{.+}} {dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 128 : i32, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 7, clamp = [0, 255], multiplier = [2061584302, 2061584302], shift = [-6, -5]>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 1, -2>} : (tensor<1x2x2x2xui8>, tensor<2x1x1x2xi8>) -> tensor<1x2x2x2xui8>
// CHECK-NOT: qgraph.conv2d
func.func @per_channel_asymmetric(%xq: tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.2:7>> {
  %x = qgraph.dequantize %xq : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x2x2x2xf32>
  %wq = qgraph.constant dense<[[[[1]], [[2]]], [[[3]], [[4]]]]> : tensor<2x2x1x1xi8> -> tensor<2x2x1x1x!quant.uniform<i8:f32:0, {0.03:1, 0.06:-2}>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x1x!quant.uniform<i8:f32:0, {0.03:1, 0.06:-2}>> -> tensor<2x2x1x1xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %q = qgraph.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.2:7>>
  return %q : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.2:7>>
}

// -----

// Two groups of two input channels: groups is carried, and the weight
// [O, C / groups, KH, KW] = [2, 2, 2, 2] with w[o][i][h][k] = 8o + 4i + 2h +
// k + 1 becomes OHWI w[o][h][k][i]. Real 0.5 * 0.25 / 0.5 = 0.25: multiplier
// 2^30, shift -1.
// CHECK-LABEL: func.func @groups
// CHECK: %[[W:.+]] = qint.constant dense<{{\[\[\[\[}}1, 5], [2, 6]], {{\[\[}}3, 7], [4, 8]]], {{\[\[\[}}9, 13], [10, 14]], {{\[\[}}11, 15], [12, 16]]]]> : tensor<2x2x2x2xi8>
// CHECK: qint.conv2d %{{.+}}, %[[W]] {dilations = array<i64: 1, 1>, groups = 2 : i64, input_zero_point = 0 : i32, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-1]>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x3x3x4xui8>, tensor<2x2x2x2xi8>) -> tensor<1x2x2x2xui8>
// CHECK-NOT: qgraph.conv2d
func.func @groups(%xq: tensor<1x4x3x3x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>> {
  %x = qgraph.dequantize %xq : tensor<1x4x3x3x!quant.uniform<u8:f32, 0.5>> -> tensor<1x4x3x3xf32>
  %wq = qgraph.constant dense<[[[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [[[9, 10], [11, 12]], [[13, 14], [15, 16]]]]> : tensor<2x2x2x2xi8> -> tensor<2x2x2x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x2x2x2x!quant.uniform<i8:f32, 0.25>> -> tensor<2x2x2x2xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x4x3x3xf32>, tensor<2x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %q = qgraph.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>>
}

// -----

// Depthwise: groups = channels = 3, weight [3, 1, 3, 3] with per-channel
// scales, padding 1 on every side keeps 4x4. With one input channel per
// group the OHWI weight [3, 3, 3, 1] holds the elements in the same order.
// Reals 0.5 * {0.25, 0.5, 1} / 1 = 0.125, 0.25, 0.5: multiplier 2^30,
// shifts -2, -1, 0.
// CHECK-LABEL: func.func @depthwise
// CHECK: %[[W:.+]] = qint.constant dense<{{\[\[\[\[}}1], [2], [3]], {{\[\[}}4], [5], [6]], {{\[\[}}7], [8], [9]]], {{\[\[\[}}10], [11], [12]], {{\[\[}}13], [14], [15]], {{\[\[}}16], [17], [18]]], {{\[\[\[}}19], [20], [21]], {{\[\[}}22], [23], [24]], {{\[\[}}25], [26], [27]]]]> : tensor<3x3x3x1xi8>
// CHECK: qint.conv2d %{{.+}}, %[[W]] {dilations = array<i64: 1, 1>, groups = 3 : i64, input_zero_point = 128 : i32, pads = array<i64: 1, 1, 1, 1>, requant = #qint.requant<double_round, zp = 128, clamp = [0, 255], multiplier = [1073741824, 1073741824, 1073741824], shift = [-2, -1, 0]>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x4x4x3xui8>, tensor<3x3x3x1xi8>) -> tensor<1x4x4x3xui8>
// CHECK-NOT: qgraph.conv2d
func.func @depthwise(%xq: tensor<1x3x4x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x3x4x4x!quant.uniform<u8:f32, 1.0:128>> {
  %x = qgraph.dequantize %xq : tensor<1x3x4x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x3x4x4xf32>
  %wq = qgraph.constant dense<[[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]], [[[10, 11, 12], [13, 14, 15], [16, 17, 18]]], [[[19, 20, 21], [22, 23, 24], [25, 26, 27]]]]> : tensor<3x1x3x3xi8> -> tensor<3x1x3x3x!quant.uniform<i8:f32:0, {0.25, 0.5, 1.0}>>
  %w = qgraph.dequantize %wq : tensor<3x1x3x3x!quant.uniform<i8:f32:0, {0.25, 0.5, 1.0}>> -> tensor<3x1x3x3xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 3 : i64} : (tensor<1x3x4x4xf32>, tensor<3x1x3x3xf32>) -> tensor<1x3x4x4xf32>
  %q = qgraph.quantize %y : tensor<1x3x4x4xf32> -> tensor<1x3x4x4x!quant.uniform<u8:f32, 1.0:128>>
  return %q : tensor<1x3x4x4x!quant.uniform<u8:f32, 1.0:128>>
}

// -----

// Strides [2, 1], pads [top 1, left 2, bottom 1, right 0] and dilations
// [1, 2] are carried as they are (qint's pads have ONNX's order too). Output
// 3x6: H (5 + 1 + 1 - 2) / 2 + 1 = 3, W (6 + 2 + 0 - 3) / 1 + 1 = 6.
// CHECK-LABEL: func.func @strides_pads_dilations
// CHECK: qint.conv2d {{.+}} {dilations = array<i64: 1, 2>, groups = 1 : i64, input_zero_point = 0 : i32, pads = array<i64: 1, 2, 1, 0>, requant = {{.+}}, strides = array<i64: 2, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x5x6x2xui8>, tensor<2x2x2x2xi8>) -> tensor<1x3x6x2xui8>
// CHECK-NOT: qgraph.conv2d
func.func @strides_pads_dilations(%xq: tensor<1x2x5x6x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x2x3x6x!quant.uniform<u8:f32, 0.5>> {
  %x = qgraph.dequantize %xq : tensor<1x2x5x6x!quant.uniform<u8:f32, 0.5>> -> tensor<1x2x5x6xf32>
  %wq = qgraph.constant dense<1> : tensor<2x2x2x2xi8> -> tensor<2x2x2x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x2x2x2x!quant.uniform<i8:f32, 0.25>> -> tensor<2x2x2x2xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 2, 1>, pads = array<i64: 1, 2, 1, 0>, dilations = array<i64: 1, 2>, groups = 1 : i64} : (tensor<1x2x5x6xf32>, tensor<2x2x2x2xf32>) -> tensor<1x2x3x6xf32>
  %q = qgraph.quantize %y : tensor<1x2x3x6xf32> -> tensor<1x2x3x6x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<1x2x3x6x!quant.uniform<u8:f32, 0.5>>
}

// -----

// A ReLU joins the clamp: quantize(0) = zero point 10, so [10, 255]. Real
// 0.5 * 0.25 / 0.5 = 0.25: 2^30, shift -1.
// CHECK-LABEL: func.func @relu
// CHECK: qint.conv2d {{.+}}requant = #qint.requant<double_round, zp = 10, clamp = [10, 255], multiplier = [1073741824], shift = [-1]>
// CHECK-NOT: qgraph.relu
// CHECK-NOT: qgraph.conv2d
func.func @relu(%xq: tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:10>> {
  %x = qgraph.dequantize %xq : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>> -> tensor<1x2x2x2xf32>
  %wq = qgraph.constant dense<1> : tensor<2x2x1x1xi8> -> tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<2x2x1x1xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %r = qgraph.relu %y : tensor<1x2x2x2xf32>
  %q = qgraph.quantize %r : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:10>>
  return %q : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:10>>
}

// -----

// A clip (ReLU6-like, here [-1, 6]) joins the clamp: at scale 0.125 and zero
// point -5, quantize(-1) = -8 - 5 = -13 and quantize(6) = 48 - 5 = 43.
// Real 0.5 * 0.5 / 0.125 = 2 = 0.5 * 2^2: 2^30, shift 2.
// CHECK-LABEL: func.func @clip
// CHECK: qint.conv2d {{.+}}requant = #qint.requant<double_round, zp = -5, clamp = [-13, 43], multiplier = [1073741824], shift = [2]>
// CHECK-NOT: qgraph.clip
// CHECK-NOT: qgraph.conv2d
func.func @clip(%xq: tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.125:-5>> {
  %x = qgraph.dequantize %xq : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>> -> tensor<1x2x2x2xf32>
  %wq = qgraph.constant dense<1> : tensor<2x2x1x1xi8> -> tensor<2x2x1x1x!quant.uniform<i8:f32, 0.5>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x1x!quant.uniform<i8:f32, 0.5>> -> tensor<2x2x1x1xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %c = qgraph.clip %y {min = -1.0 : f32, max = 6.0 : f32} : tensor<1x2x2x2xf32>
  %q = qgraph.quantize %c : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.125:-5>>
  return %q : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.125:-5>>
}

// -----

// ConvInteger: an output quantized to int32 at exactly s_in * s_w = 0.5 *
// 0.25 = 0.125 with zero point 0 is the accumulator itself: no requant, an
// i32 result.
// CHECK-LABEL: func.func @int32_accumulator
// CHECK: %[[Y:.+]] = qint.conv2d %{{.+}}, %{{.+}} {dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 128 : i32, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 3>} : (tensor<1x2x2x2xui8>, tensor<2x1x1x2xi8>) -> tensor<1x2x2x2xi32>
// CHECK-NEXT: %[[YT:.+]] = qint.transpose %[[Y]] {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x2x2x2xi32> -> tensor<1x2x2x2xi32>
// CHECK-NEXT: qint.storage_cast %[[YT]] : tensor<1x2x2x2xi32> to tensor<1x2x2x2x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK-NOT: qgraph.conv2d
func.func @int32_accumulator(%xq: tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x2x2x2x!quant.uniform<i32:f32, 0.125>> {
  %x = qgraph.dequantize %xq : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x2x2xf32>
  %wq = qgraph.constant dense<[[[[1]], [[2]]], [[[3]], [[4]]]]> : tensor<2x2x1x1xi8> -> tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25:3>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25:3>> -> tensor<2x2x1x1xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %q = qgraph.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<i32:f32, 0.125>>
  return %q : tensor<1x2x2x2x!quant.uniform<i32:f32, 0.125>>
}

// -----

// Two convolutions: the NHWC -> NCHW transpose after the first and the
// NCHW -> NHWC one before the second cancel (with the storage casts between
// them), so the second reads the first one's NHWC integers directly. Only
// the input's transpose and the output's remain. Reals 0.5 * 0.25 / 0.25 =
// 0.5 (2^30, shift 0) and 0.25 * 0.5 / 0.125 = 1 (2^30, shift 1).
// CHECK-LABEL: func.func @consecutive
// CHECK: qint.storage_cast %arg0
// CHECK-NEXT: %[[X:.+]] = qint.transpose %{{.+}} {permutation = array<i64: 0, 2, 3, 1>}
// CHECK-NEXT: %[[H:.+]] = qint.conv2d %[[X]], {{.+}}requant = #qint.requant<double_round, zp = 10, clamp = [0, 255], multiplier = [1073741824], shift = [0]>{{.+}} -> tensor<1x4x4x3xui8>
// CHECK-NEXT: %[[Y:.+]] = qint.conv2d %[[H]], {{.+}} {dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 10 : i32, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 100, clamp = [0, 255], multiplier = [1073741824], shift = [1]>, {{.+}}} : (tensor<1x4x4x3xui8>, tensor<2x1x1x3xi8>) -> tensor<1x4x4x2xui8>
// CHECK-NEXT: %[[YT:.+]] = qint.transpose %[[Y]] {permutation = array<i64: 0, 3, 1, 2>}
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[YT]]
// CHECK-NEXT: return %[[Q]]
// CHECK-NOT: qgraph.
func.func @consecutive(%xq: tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x2x4x4x!quant.uniform<u8:f32, 0.125:100>> {
  %x = qgraph.dequantize %xq : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x4x4xf32>
  %w1q = qgraph.constant dense<1> : tensor<3x2x1x1xi8> -> tensor<3x2x1x1x!quant.uniform<i8:f32, 0.25>>
  %w1 = qgraph.dequantize %w1q : tensor<3x2x1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<3x2x1x1xf32>
  %h = qgraph.conv2d %x, %w1 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %hq = qgraph.quantize %h : tensor<1x3x4x4xf32> -> tensor<1x3x4x4x!quant.uniform<u8:f32, 0.25:10>>
  %hd = qgraph.dequantize %hq : tensor<1x3x4x4x!quant.uniform<u8:f32, 0.25:10>> -> tensor<1x3x4x4xf32>
  %w2q = qgraph.constant dense<2> : tensor<2x3x1x1xi8> -> tensor<2x3x1x1x!quant.uniform<i8:f32, 0.5>>
  %w2 = qgraph.dequantize %w2q : tensor<2x3x1x1x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3x1x1xf32>
  %y = qgraph.conv2d %hd, %w2 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %yq = qgraph.quantize %y : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<u8:f32, 0.125:100>>
  return %yq : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.125:100>>
}
