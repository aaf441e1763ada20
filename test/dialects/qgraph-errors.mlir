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
