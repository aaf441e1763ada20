// RUN: qcc-opt %s -split-input-file -verify-diagnostics
// Every error a qgraph verifier gives.

// A zero point must be a value of the storage type, or dequantize is wrong.
func.func @zero_point_above_storage(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op result has zero point 300 outside its storage range [0, 255]}}
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.5:300>>
  return
}

// -----

// The same for dequantize, and for unsigned storage below zero.
func.func @zero_point_below_storage(%q: tensor<4x!quant.uniform<u8:f32, 0.5:-1>>) {
  // expected-error @+1 {{'qgraph.dequantize' op operand has zero point -1 outside its storage range [0, 255]}}
  %x = qgraph.dequantize %q : tensor<4x!quant.uniform<u8:f32, 0.5:-1>> -> tensor<4xf32>
  return
}

// -----

// Narrow ranges count: -128 is not an i8<-127:127> value.
func.func @zero_point_outside_narrow_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op result has zero point -128 outside its storage range [-127, 127]}}
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5:-128>>
  return
}

// -----

// Per axis, each channel's zero point is checked, and the message names it.
func.func @per_axis_zero_point(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op result has zero point 200 in channel 1 outside its storage range [-128, 127]}}
  %q = qgraph.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.5, 0.5:200}>>
  return
}

// -----

// One scale per slice of the quantized axis.
func.func @per_axis_scale_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op result has 2 scales for axis 1 of size 3}}
  %q = qgraph.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.5}>>
  return
}

// -----

// The quantized axis must exist.
func.func @per_axis_axis_out_of_rank(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op result is quantized along axis 2 but has rank 2}}
  %q = qgraph.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:2, {0.5, 0.5, 0.5}>>
  return
}

// -----

// Zero and negative scales are rejected when the type is parsed (by the quant
// dialect); qcc's own check covers types built in code.
func.func @zero_scale(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale 0.000000e+00 out of expressed type range}}
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.0>>
  return
}

// -----

func.func @negative_scale(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale -5.000000e-01 out of expressed type range}}
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, -0.5>>
  return
}

// -----

// Quantize and dequantize do not reshape.
func.func @quantize_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op shapes differ: 'tensor<4xf32>' vs 'tensor<5x!quant.uniform<i8:f32, 5.000000e-01>>'}}
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<5x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// 8-bit values and 32-bit accumulators only.
func.func @quantize_to_i16(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op result is stored in 16 bits; qcc supports 8-bit values and 32-bit biases and accumulators}}
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 0.5>>
  return
}

// -----

// qcc computes float32 models.
func.func @expressed_f16(%q: tensor<4x!quant.uniform<i8:f16, 0.5>>) {
  // expected-error @+1 {{'qgraph.dequantize' op operand expresses 'f16', qcc supports f32 only}}
  %x = qgraph.dequantize %q : tensor<4x!quant.uniform<i8:f16, 0.5>> -> tensor<4xf32>
  return
}

// -----

func.func @expressed_f16_constant() {
  // expected-error @+1 {{'qgraph.constant' op result expresses 'f16', qcc supports f32 only}}
  %c = qgraph.constant dense<[1, 2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f16, 0.5>>
  return
}

// -----

// 16-bit quantization is not supported (yet): say so rather than miscompute.
func.func @storage_16_bits(%q: tensor<4x!quant.uniform<i16:f32, 0.5>>) {
  // expected-error @+1 {{'qgraph.dequantize' op operand is stored in 16 bits; qcc supports 8-bit values and 32-bit biases and accumulators}}
  %x = qgraph.dequantize %q : tensor<4x!quant.uniform<i16:f32, 0.5>> -> tensor<4xf32>
  return
}

// -----

// A quantized constant holds storage values of the storage type.
func.func @constant_storage_type() {
  // expected-error @+1 {{'qgraph.constant' op a constant of '!quant.uniform<u8:f32, 5.000000e-01>' must hold 'ui8' values, not 'i8'}}
  %c = qgraph.constant dense<[1, 2]> : tensor<2xi8> -> tensor<2x!quant.uniform<u8:f32, 0.5>>
  return
}

// -----

// ... inside the storage range.
func.func @constant_value_outside_narrow_range() {
  // expected-error @+1 {{'qgraph.constant' op value -128 is outside the storage range [-127, 127] of '!quant.uniform<i8<-127:127>:f32, 5.000000e-01>'}}
  %c = qgraph.constant dense<[-128, 2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>>
  return
}

// -----

func.func @constant_shape() {
  // expected-error @+1 {{'qgraph.constant' op value shape 'tensor<2xi8>' differs from result shape 'tensor<3x!quant.uniform<i8:f32, 5.000000e-01>>'}}
  %c = qgraph.constant dense<[1, 2]> : tensor<2xi8> -> tensor<3x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @constant_float_type() {
  // expected-error @+1 {{'qgraph.constant' op value type 'tensor<2xf32>' differs from result type 'tensor<2xi32>'}}
  %c = qgraph.constant dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<2xi32>
  return
}

// -----

// linear: weight [N, K] against input [M, K].
func.func @linear_k(%x: tensor<2x4xf32>, %w: tensor<3x5xf32>) {
  // expected-error @+1 {{'qgraph.linear' op weight 'tensor<3x5xf32>' does not have K = 4 columns of input 'tensor<2x4xf32>'}}
  %y = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<3x5xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @linear_result(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{'qgraph.linear' op result 'tensor<2x4xf32>' is not [2, 3]}}
  %y = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_bias(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.linear' op bias 'tensor<4xf32>' is not [3]}}
  %y = qgraph.linear %x, %w, %b : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @linear_rank(%x: tensor<2x2x4xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{'qgraph.linear' op expects rank-2 input [M, K], weight [N, K] and result [M, N]}}
  %y = qgraph.linear %x, %w : (tensor<2x2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return
}

// -----

// The custom constant syntax takes an elements attribute.
func.func @constant_not_elements() {
  // The parser reports it where it stands after the attribute: the next line.
  // expected-error @+2 {{expected an elements attribute}}
  %c = qgraph.constant 3 : i32
  return
}

// -----

// Only !quant.uniform types, per tensor or per axis.
func.func @quantize_to_any(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.quantize' op result has an unsupported quantization '!quant.any<i8:f32>' (only !quant.uniform, per tensor or per axis)}}
  %q = qgraph.quantize %x : tensor<4xf32> -> tensor<4x!quant.any<i8:f32>>
  return
}

// -----

func.func @dequantize_calibrated(%q: tensor<4x!quant.calibrated<f32<-1.0:1.0>>>) {
  // expected-error @+1 {{'qgraph.dequantize' op operand has an unsupported quantization '!quant.calibrated<f32<-1.000000e+00:1.000000e+00>>' (only !quant.uniform, per tensor or per axis)}}
  %x = qgraph.dequantize %q : tensor<4x!quant.calibrated<f32<-1.0:1.0>>> -> tensor<4xf32>
  return
}

// -----

// The same checks cover a quantized constant's type: zero point ...
func.func @constant_zero_point() {
  // expected-error @+1 {{'qgraph.constant' op result has zero point 256 outside its storage range [0, 255]}}
  %c = qgraph.constant dense<[1, 2]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 0.5:256>>
  return
}

// -----

// ... and per-axis scales.
func.func @constant_per_axis_scales() {
  // expected-error @+1 {{'qgraph.constant' op result has 2 scales for axis 0 of size 3}}
  %c = qgraph.constant dense<[1, 2, 3]> : tensor<3xi8> -> tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  return
}

// -----

// An unsigned storage value above 127 is a ui8 constant, not a negative i8.
func.func @constant_unsigned_value() {
  // expected-error @+1 {{'qgraph.constant' op value 200 is outside the storage range [0, 100] of '!quant.uniform<u8<0:100>:f32, 5.000000e-01>'}}
  %c = qgraph.constant dense<[200, 2]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8<0:100>:f32, 0.5>>
  return
}

// -----

// conv2d: NCHW input, OIHW weight.
func.func @conv_rank(%x: tensor<4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op expects input [N, C, H, W] and weight [O, C / groups, KH, KW]}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// Groups divide both channel counts.
func.func @conv_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op groups 4 do not divide 4 input and 6 output channels}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_zero_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op groups 0 do not divide 4 input and 6 output channels}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 0 : i64} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_weight_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op weight 'tensor<6x4x3x3xf32>' does not have C / groups = 2 input channels}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op bias 'tensor<4xf32>' is not [6]}}
  %y = qgraph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<4xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// Two strides, two dilations, four pads.
func.func @conv_window_arity(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op expects 2 kernel sizes, 2 strides, 2 dilations and 4 pads [top, left, bottom, right]}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op kernel, strides and dilations must be positive}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 0>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

// Padding as large as the window would make outputs that see no input.
func.func @conv_pad_too_large(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op pad 3 is negative or not smaller than the window (3)}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 3, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x9x6xf32>
  return
}

// -----

func.func @conv_negative_pad(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op pad -1 is negative or not smaller than the window (5)}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, -1, 0, 0>, dilations = array<i64: 1, 2>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x3xf32>
  return
}

// -----

func.func @conv_result_rank(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op expects NCHW tensors of rank 4}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<6x6x6xf32>
  return
}

// -----

// A dilated kernel larger than the padded image.
func.func @conv_window_too_tall(%x: tensor<1x4x4x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op window does not fit in the 4 rows of the input}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 3, 1>, groups = 1 : i64} : (tensor<1x4x4x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x1x6xf32>
  return
}

// -----

func.func @conv_window_too_wide(%x: tensor<1x4x8x2xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op window does not fit in the 2 columns of the input}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x2xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x1xf32>
  return
}

// -----

// OH = (8 + 1 + 1 - 3) / 2 + 1 = 4, OW = (8 - 3) / 1 + 1 = 6.
func.func @conv_result(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qgraph.conv2d' op result 'tensor<1x6x3x6xf32>' is not [1, 6, 4, 6]}}
  %y = qgraph.conv2d %x, %w {strides = array<i64: 2, 1>, pads = array<i64: 1, 0, 1, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x3x6xf32>
  return
}

// -----

// add and mul broadcast NumPy's way.
func.func @add_no_broadcast(%a: tensor<4x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.add' op operands 'tensor<4x3xf32>' and 'tensor<4xf32>' do not broadcast}}
  %y = qgraph.add %a, %b : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @add_result(%a: tensor<4x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'qgraph.add' op result 'tensor<4x1xf32>' is not the broadcast shape of its operands}}
  %y = qgraph.add %a, %b : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @mul_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{'qgraph.mul' op operands 'tensor<2x3xf32>' and 'tensor<3x2xf32>' do not broadcast}}
  %y = qgraph.mul %a, %b : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @mul_result(%a: tensor<2x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'qgraph.mul' op result 'tensor<2x1xf32>' is not the broadcast shape of its operands}}
  %y = qgraph.mul %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @clip_empty(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.clip' op min 6.000000e+00 exceeds max 0.000000e+00}}
  %y = qgraph.clip %x {min = 6.0 : f32, max = 0.0 : f32} : tensor<4xf32>
  return
}

// -----

// Pools check their window as conv2d does.
func.func @max_pool_window_arity(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'qgraph.max_pool2d' op expects 2 kernel sizes, 2 strides, 2 dilations and 4 pads [top, left, bottom, right]}}
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @max_pool_zero_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'qgraph.max_pool2d' op kernel, strides and dilations must be positive}}
  %y = qgraph.max_pool2d %x {kernel = array<i64: 0, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @max_pool_pad(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'qgraph.max_pool2d' op pad 2 is negative or not smaller than the window (2)}}
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 2, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x5x4xf32>
  return
}

// -----

func.func @max_pool_rank(%x: tensor<3x8x8xf32>) {
  // expected-error @+1 {{'qgraph.max_pool2d' op expects NCHW tensors of rank 4}}
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<3x8x8xf32> -> tensor<3x4x4xf32>
  return
}

// -----

func.func @max_pool_result_rank(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'qgraph.max_pool2d' op expects NCHW tensors of rank 4}}
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<3x4x4xf32>
  return
}

// -----

func.func @max_pool_too_small(%x: tensor<1x3x1x8xf32>) {
  // expected-error @+1 {{'qgraph.max_pool2d' op window does not fit in the 1 rows of the input}}
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x1x8xf32> -> tensor<1x3x1x4xf32>
  return
}

// -----

// ceil_mode rounds up: 7 rows in windows of 2 by 2 are 4 windows, not 3.
func.func @max_pool_ceil_result(%x: tensor<1x3x7x7xf32>) {
  // expected-error @+1 {{'qgraph.max_pool2d' op result 'tensor<1x3x3x3xf32>' is not [1, 3, 4, 4]}}
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode} : tensor<1x3x7x7xf32> -> tensor<1x3x3x3xf32>
  return
}

// -----

// A pool keeps the channels.
func.func @avg_pool_channels(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'qgraph.avg_pool2d' op result 'tensor<1x4x4x4xf32>' is not [1, 3, 4, 4]}}
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @avg_pool_negative_dilation(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'qgraph.avg_pool2d' op kernel, strides and dilations must be positive}}
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, -1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @avg_pool_rank(%x: tensor<1x3x8x8x1xf32>) {
  // expected-error @+1 {{'qgraph.avg_pool2d' op expects NCHW tensors of rank 4}}
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x8x8x1xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @avg_pool_too_narrow(%x: tensor<1x3x8x2xf32>) {
  // expected-error @+1 {{'qgraph.avg_pool2d' op window does not fit in the 2 columns of the input}}
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x8x2xf32> -> tensor<1x3x7x1xf32>
  return
}

// -----

// concat: the axis is one of the result's.
func.func @concat_axis(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.concat' op axis 2 is outside rank 2}}
  %y = qgraph.concat %a, %a {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_negative_axis(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.concat' op axis -1 is outside rank 2}}
  %y = qgraph.concat %a, %a {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_nothing() {
  // expected-error @+1 {{'qgraph.concat' op needs at least one input}}
  %y = qgraph.concat {axis = 0 : i64} : () -> tensor<0xf32>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<2x3x1xf32>) {
  // expected-error @+1 {{'qgraph.concat' op input 'tensor<2x3x1xf32>' does not have rank 2}}
  %y = qgraph.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_other_dims(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{'qgraph.concat' op input 'tensor<3x3xf32>' differs from the result 'tensor<2x6xf32>' outside the axis}}
  %y = qgraph.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_sum(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{'qgraph.concat' op inputs add up to 7 along axis 1, the result has 6}}
  %y = qgraph.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x6xf32>
  return
}

// -----

// reshape keeps the element type ...
func.func @reshape_element_type(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.reshape' op changes the element type}}
  %y = qgraph.reshape %a : tensor<2x3xf32> -> tensor<6xi32>
  return
}

// -----

// ... and the number of elements.
func.func @reshape_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.reshape' op reshapes 6 elements into 8}}
  %y = qgraph.reshape %a : tensor<2x3xf32> -> tensor<2x4xf32>
  return
}

// -----

// A per-axis quantization is tied to a dimension that a reshape would lose.
func.func @reshape_per_axis(%a: tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25, 0.125}>>) {
  // expected-error @+1 {{'qgraph.reshape' op cannot reshape a tensor quantized per axis}}
  %y = qgraph.reshape %a : tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25, 0.125}>> -> tensor<6x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @reshape_requantizes(%a: tensor<2x3x!quant.uniform<u8:f32, 0.5:3>>) {
  // expected-error @+1 {{'qgraph.reshape' op changes the quantization}}
  %y = qgraph.reshape %a : tensor<2x3x!quant.uniform<u8:f32, 0.5:3>> -> tensor<6x!quant.uniform<u8:f32, 0.5:4>>
  return
}

// -----

// transpose: one permutation entry per dimension ...
func.func @transpose_entries(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.transpose' op permutation has 3 entries for rank 2}}
  %y = qgraph.transpose %a {permutation = array<i64: 1, 0, 2>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}

// -----

// ... each dimension once.
func.func @transpose_repeats(%a: tensor<2x2xf32>) {
  // expected-error @+1 {{'qgraph.transpose' op is not a permutation of [0, 2)}}
  %y = qgraph.transpose %a {permutation = array<i64: 1, 1>} : tensor<2x2xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_out_of_range(%a: tensor<2x2xf32>) {
  // expected-error @+1 {{'qgraph.transpose' op is not a permutation of [0, 2)}}
  %y = qgraph.transpose %a {permutation = array<i64: 0, 2>} : tensor<2x2xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_result(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.transpose' op result 'tensor<2x3xf32>' is not the permutation of 'tensor<2x3xf32>'}}
  %y = qgraph.transpose %a {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_element_type(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qgraph.transpose' op changes the element type}}
  %y = qgraph.transpose %a {permutation = array<i64: 1, 0>} : tensor<2x3xi8> -> tensor<3x2xui8>
  return
}

// -----

// A per-axis type's axis moves with its dimension (here 0 -> 1).
func.func @transpose_axis_not_moved(%a: tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>) {
  // expected-error @+1 {{'qgraph.transpose' op must move the quantized axis 0 to 1}}
  %y = qgraph.transpose %a {permutation = array<i64: 1, 0>} : tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>> -> tensor<5x3x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 0.5, 0.5}>>
  return
}

// -----

// ... keeping its scales.
func.func @transpose_axis_scales(%a: tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>) {
  // expected-error @+1 {{'qgraph.transpose' op must move the quantized axis 0 to 1}}
  %y = qgraph.transpose %a {permutation = array<i64: 1, 0>} : tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>> -> tensor<5x3x!quant.uniform<i8:f32:1, {0.5, 0.25, 0.25}>>
  return
}

// -----

func.func @transpose_axis_to_per_tensor(%a: tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>) {
  // expected-error @+1 {{'qgraph.transpose' op must move the quantized axis 0 to 1}}
  %y = qgraph.transpose %a {permutation = array<i64: 1, 0>} : tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>> -> tensor<5x3x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// dynamic_quantize: the quantization range is non-empty and inside the
// storage range, itself 8-bit.
func.func @dynamic_quantize_empty_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.dynamic_quantize' op range [127, 127] must be non-empty and inside the 8-bit storage range [0, 255]}}
  %y = qgraph.dynamic_quantize %x {qmin = 127 : i32, qmax = 127 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @dynamic_quantize_outside_storage(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.dynamic_quantize' op range [0, 255] must be non-empty and inside the 8-bit storage range [0, 127]}}
  %y = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 127 : i32, fallback_scale = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @dynamic_quantize_wide_storage(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.dynamic_quantize' op range [0, 255] must be non-empty and inside the 8-bit storage range [0, 65535]}}
  %y = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 65535 : i32, fallback_scale = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @dynamic_quantize_fallback(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.dynamic_quantize' op fallback scale must be positive}}
  %y = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @dynamic_quantize_linear_shape(%x: tensor<3x10xf32>) {
  // expected-error @+1 {{'qgraph.dynamic_quantize_linear' op output shape differs from the input's}}
  %y, %s, %z = qgraph.dynamic_quantize_linear %x : tensor<3x10xf32> -> (tensor<30xui8>, tensor<f32>, tensor<ui8>)
  return
}

// -----

func.func @dynamic_quantize_linear_scalars(%x: tensor<3x10xf32>) {
  // expected-error @+1 {{'qgraph.dynamic_quantize_linear' op scale and zero point must be scalars (rank 0)}}
  %y, %s, %z = qgraph.dynamic_quantize_linear %x : tensor<3x10xf32> -> (tensor<3x10xui8>, tensor<1xf32>, tensor<ui8>)
  return
}

// -----

// A transpose must keep the rank.
func.func @transpose_rank(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qgraph.transpose' op result 'tensor<3x2x1xf32>' does not have the rank of 'tensor<2x3xf32>'}}
  %y = qgraph.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2x1xf32>
  return
}

// -----

// The fallback scale of a dynamic quantization must be finite.
func.func @dynamic_quantize_infinite_fallback(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qgraph.dynamic_quantize' op fallback scale must be positive and finite}}
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0x7F800000 : f32} : tensor<4xf32>
  return
}

// -----

// Dilation 3 over 2 rows padded by 1: the window reads rows -1 and 2, both
// padding. An average over no element has no divisor.
func.func @pool_window_in_padding(%x: tensor<1x1x2x1xf32>) {
  // expected-error @+1 {{'qgraph.avg_pool2d' op a window falls entirely in the padding (rows): nothing to pool}}
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 3, 1>, pads = array<i64: 1, 0, 1, 0>} : tensor<1x1x2x1xf32> -> tensor<1x1x1x1xf32>
  return
}
