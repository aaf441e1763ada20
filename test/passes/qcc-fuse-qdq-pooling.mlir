// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=onnx}))" --split-input-file | FileCheck %s --check-prefix=ONNX
// Fusion of max and average pooling on quantized NCHW images into qint
// pooling in NHWC. Multipliers and shifts: frexp(real) = q * 2^e, multiplier
// = round(q * 2^31), shift = e (qcc::rt::quantizeMultiplier, computed with
// Python's math.frexp); onnx scales are float32 s_x / (s_y * d) (computed
// with struct.pack('f')).

// Max pooling with one quantization in and out: the largest stored value,
// no arithmetic at all.
// CHECK-LABEL: func.func @max_same_quantization
// CHECK: %[[X:.+]] = qint.storage_cast %arg0 : tensor<1x2x4x4x!quant.uniform<u8:f32, 1.000000e-01:3>> to tensor<1x2x4x4xui8>
// CHECK-NEXT: %[[XT:.+]] = qint.transpose %[[X]] {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x2x4x4xui8> -> tensor<1x4x4x2xui8>
// CHECK-NEXT: %[[P:.+]] = qint.max_pool2d %[[XT]] {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xui8> -> tensor<1x2x2x2xui8>
// CHECK-NEXT: %[[PT:.+]] = qint.transpose %[[P]] {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x2x2x2xui8> -> tensor<1x2x2x2xui8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[PT]] : tensor<1x2x2x2xui8> to tensor<1x2x2x2x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK-NEXT: return %[[Q]]
// CHECK-NOT: qint.requantize
// CHECK-NOT: qgraph.
func.func @max_same_quantization(%xq: tensor<1x2x4x4x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:3>> {
  %x = qgraph.dequantize %xq : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.1:3>> -> tensor<1x2x4x4xf32>
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %q = qgraph.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// Max pooling into another quantization: the largest value, then a
// requantize at 0.1 / 0.3 = 1/3 = (2/3) * 2^-1 (multiplier 1431655765,
// shift -1) from zero point 3 to zero point 7. The requantize is elementwise
// and per tensor, so the closing NHWC -> NCHW transpose moves above it.
// ceil_mode, pads and dilations are carried: out (5 + 1 + 0 - 3) / 2 + 1
// rounded up = 3 (ceil(1.5) + 1).
// CHECK-LABEL: func.func @max_requantize
// CHECK: %[[P:.+]] = qint.max_pool2d %{{.+}} {ceil_mode, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x5x5x2xui8> -> tensor<1x3x3x2xui8>
// CHECK-NEXT: %[[PT:.+]] = qint.transpose %[[P]] {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x3x3x2xui8> -> tensor<1x2x3x3xui8>
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[PT]] {input_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = 7, clamp = [0, 255], multiplier = [1431655765], shift = [-1]>} : tensor<1x2x3x3xui8> -> tensor<1x2x3x3xui8>
// CHECK-NEXT: qint.storage_cast %[[R]] : tensor<1x2x3x3xui8> to tensor<1x2x3x3x!quant.uniform<u8:f32, 3.000000e-01:7>>
// CHECK-NOT: qgraph.
// ONNX-LABEL: func.func @max_requantize
// ONNX: qint.requantize {{.+}}requant = #qint.requant<float_half_even, zp = 7, clamp = [0, 255], scale = [0.333333313]>
func.func @max_requantize(%xq: tensor<1x2x5x5x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<1x2x3x3x!quant.uniform<u8:f32, 0.3:7>> {
  %x = qgraph.dequantize %xq : tensor<1x2x5x5x!quant.uniform<u8:f32, 0.1:3>> -> tensor<1x2x5x5xf32>
  %y = qgraph.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 0, 0>, ceil_mode} : tensor<1x2x5x5xf32> -> tensor<1x2x3x3xf32>
  %q = qgraph.quantize %y : tensor<1x2x3x3xf32> -> tensor<1x2x3x3x!quant.uniform<u8:f32, 0.3:7>>
  return %q : tensor<1x2x3x3x!quant.uniform<u8:f32, 0.3:7>>
}

// -----

// A ReLU after max pooling makes the quantization "different" (the clamp
// rises to the zero point 3): a requantize at scale 1 (2^30, shift 1) that
// only clamps.
// CHECK-LABEL: func.func @max_relu
// CHECK: qint.max_pool2d
// CHECK: qint.requantize %{{.+}} {input_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = 3, clamp = [3, 255], multiplier = [1073741824], shift = [1]>}
// CHECK-NOT: qgraph.relu
func.func @max_relu(%xq: tensor<1x2x4x4x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:3>> {
  %x = qgraph.dequantize %xq : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.1:3>> -> tensor<1x2x4x4xf32>
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %r = qgraph.relu %y : tensor<1x2x2x2xf32>
  %q = qgraph.quantize %r : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:3>>
  return %q : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:3>>
}

// -----

// Average pooling whose windows are all inside the image: one divisor, 4,
// and one requantization 0.3 / (0.1 * 4) = 0.75 (multiplier
// round(0.75 * 2^31) = 1610612736, shift 0). int8.
// CHECK-LABEL: func.func @avg_single_divisor
// CHECK: %[[P:.+]] = qint.avg_pool2d %{{.+}} {dilations = array<i64: 1, 1>, input_zero_point = -5 : i32, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 1, clamp = [-128, 127], multiplier = [1610612736], shift = [0]>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xi8> -> tensor<1x2x2x2xi8>
// CHECK-NEXT: qint.transpose %[[P]] {permutation = array<i64: 0, 3, 1, 2>}
// CHECK-NOT: qgraph.
func.func @avg_single_divisor(%xq: tensor<1x2x4x4x!quant.uniform<i8:f32, 0.3:-5>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:1>> {
  %x = qgraph.dequantize %xq : tensor<1x2x4x4x!quant.uniform<i8:f32, 0.3:-5>> -> tensor<1x2x4x4xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %q = qgraph.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:1>>
  return %q : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:1>>
}

// -----

// Padding without count_include_pad: a 3x3 window with padding 1 covers 4,
// 6 or 9 image positions, so the requant has one channel per divisor
// d = 1..9, real 1 / d (same scale in and out): 1 = 0.5 * 2^1, 1/2, 1/3 =
// (2/3) * 2^-1, 1/4, 1/5 = 0.8 * 2^-2, 1/6 = (2/3) * 2^-2, 1/7 = (4/7) *
// 2^-2, 1/8, 1/9 = (8/9) * 2^-3.
// CHECK-LABEL: func.func @avg_per_divisor
// CHECK: qint.avg_pool2d %{{.+}} {dilations = array<i64: 1, 1>, input_zero_point = 128 : i32, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, requant = #qint.requant<double_round, zp = 128, clamp = [0, 255], multiplier = [1073741824, 1073741824, 1431655765, 1073741824, 1717986918, 1431655765, 1227133513, 1073741824, 1908874354], shift = [1, 0, -1, -1, -2, -2, -2, -2, -3]>, strides = array<i64: 1, 1>} : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xui8>
// CHECK-NOT: count_include_pad
// CHECK-NOT: qgraph.avg_pool2d
func.func @avg_per_divisor(%xq: tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>> {
  %x = qgraph.dequantize %xq : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x4x4xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %q = qgraph.quantize %y : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>>
  return %q : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>>
}

// -----

// The same padding with count_include_pad: every window counts 9 positions,
// so one requantization, 1/9 = (8/9) * 2^-3 (1908874354, -3).
// CHECK-LABEL: func.func @avg_count_include_pad
// CHECK: qint.avg_pool2d %{{.+}} {count_include_pad, dilations = array<i64: 1, 1>, input_zero_point = 128 : i32, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, requant = #qint.requant<double_round, zp = 128, clamp = [0, 255], multiplier = [1908874354], shift = [-3]>, strides = array<i64: 1, 1>} : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xui8>
// CHECK-NOT: qgraph.avg_pool2d
func.func @avg_count_include_pad(%xq: tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>> {
  %x = qgraph.dequantize %xq : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x4x4xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, count_include_pad} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %q = qgraph.quantize %y : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>>
  return %q : tensor<1x2x4x4x!quant.uniform<u8:f32, 0.5:128>>
}

// -----

// ceil_mode: a 2x2 window with stride 2 over 5x5 gives 3x3 outputs, the last
// row and column of windows cut by the image edge (divisors 1, 2 and 4): one
// requant per divisor d = 1..4 of 0.5 / (0.25 * d) = 2, 1, 2/3, 1/2:
// (2^30, 2), (2^30, 1), (1431655765, 0), (2^30, 0). In float32 (onnx) the
// 2/3 is 0.666666687.
// CHECK-LABEL: func.func @avg_ceil_mode
// CHECK: qint.avg_pool2d %{{.+}} {ceil_mode, dilations = array<i64: 1, 1>, input_zero_point = 0 : i32, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824, 1073741824, 1431655765, 1073741824], shift = [2, 1, 0, 0]>, strides = array<i64: 2, 2>} : tensor<1x5x5x2xui8> -> tensor<1x3x3x2xui8>
// CHECK-NOT: qgraph.avg_pool2d
// ONNX-LABEL: func.func @avg_ceil_mode
// ONNX: requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [2.0, 1.0, 0.666666687, 0.5]>
func.func @avg_ceil_mode(%xq: tensor<1x2x5x5x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x2x3x3x!quant.uniform<u8:f32, 0.25>> {
  %x = qgraph.dequantize %xq : tensor<1x2x5x5x!quant.uniform<u8:f32, 0.5>> -> tensor<1x2x5x5xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode} : tensor<1x2x5x5xf32> -> tensor<1x2x3x3xf32>
  %q = qgraph.quantize %y : tensor<1x2x3x3xf32> -> tensor<1x2x3x3x!quant.uniform<u8:f32, 0.25>>
  return %q : tensor<1x2x3x3x!quant.uniform<u8:f32, 0.25>>
}

// -----

// Global average pooling: a 7x7 window over a 7x7 image, divisor 49:
// 0.5 / (0.25 * 49) = 2/49 = (32/49) * 2^-4: multiplier
// round(32/49 * 2^31) = 1402438301, shift -4. onnx: 0.5 / (0.25 * 49)
// in float32 = 0.0408163257.
// CHECK-LABEL: func.func @global_average
// CHECK: qint.avg_pool2d %{{.+}} {dilations = array<i64: 1, 1>, input_zero_point = 0 : i32, kernel = array<i64: 7, 7>, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1402438301], shift = [-4]>, strides = array<i64: 1, 1>} : tensor<1x7x7x8xui8> -> tensor<1x1x1x8xui8>
// CHECK-NOT: qgraph.avg_pool2d
// ONNX-LABEL: func.func @global_average
// ONNX: scale = [0.0408163257]
func.func @global_average(%xq: tensor<1x8x7x7x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x8x1x1x!quant.uniform<u8:f32, 0.25>> {
  %x = qgraph.dequantize %xq : tensor<1x8x7x7x!quant.uniform<u8:f32, 0.5>> -> tensor<1x8x7x7xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 7, 7>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x8x7x7xf32> -> tensor<1x8x1x1xf32>
  %q = qgraph.quantize %y : tensor<1x8x1x1xf32> -> tensor<1x8x1x1x!quant.uniform<u8:f32, 0.25>>
  return %q : tensor<1x8x1x1x!quant.uniform<u8:f32, 0.25>>
}
