// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// RUN: not qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=fast}))" 2>&1 | FileCheck %s --check-prefix=OPTION
// Rewrites that must not happen: the linear stays float, and says why in
// qcc.not_fused, which --qcc-verify-integer-only and qcc explain report.

// OPTION: unknown numerics mode 'fast' (expected int, int-single-round or onnx)

// CHECK-LABEL: func.func @float_input
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "input is not dequantized from a per-tensor 8-bit tensor"}
// CHECK-NOT: qint.fully_connected
func.func @float_input(%x: tensor<1x2xf32>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>> {
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
}

// -----

// A weight known only at run time cannot be packed at compile time.
// CHECK-LABEL: func.func @weight_not_constant
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "weight is not a constant quantized to 8 bits per tensor or per output channel"}
func.func @weight_not_constant(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>, %wq: tensor<1x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
}

// -----

// Per-channel weights must be per output channel (axis 0).
// CHECK-LABEL: func.func @weight_per_input_channel
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "weight is not a constant quantized to 8 bits per tensor or per output channel"}
func.func @weight_per_input_channel(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
}

// -----

// A float bias is quantized by --qcc-fold-weight-quantization, not here.
// CHECK-LABEL: func.func @float_bias
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "bias is not an int32 constant with zero point 0"}
func.func @float_bias(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %b = qgraph.constant dense<1.0> : tensor<1xf32>
  %y = qgraph.linear %x, %w, %b : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
}

// -----

// An int32 bias at another scale than s_in * s_w = 0.125 would be added wrongly.
// CHECK-LABEL: func.func @bias_scale
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "bias scale 0.25 differs from input scale * weight scale 0.125"}
func.func @bias_scale(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %bq = qgraph.constant dense<3> : tensor<1xi32> -> tensor<1x!quant.uniform<i32:f32, 0.25>>
  %b = qgraph.dequantize %bq : tensor<1x!quant.uniform<i32:f32, 0.25>> -> tensor<1xf32>
  %y = qgraph.linear %x, %w, %b : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
}

// -----

// The float result is also returned: it must exist in float.
// CHECK-LABEL: func.func @result_used_twice
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "result is not quantized (it must feed one quantize, directly or through one relu or clip)"}
func.func @result_used_twice(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> (tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>, tensor<1x1xf32>) {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q, %y : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>, tensor<1x1xf32>
}

// -----

// The same after a ReLU.
// CHECK-LABEL: func.func @relu_used_twice
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "result is not quantized (it must feed one quantize, directly or through one relu or clip)"}
func.func @relu_used_twice(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> (tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>, tensor<1x1xf32>) {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %r = qgraph.relu %y : tensor<1x1xf32>
  %q = qgraph.quantize %r : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q, %r : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>, tensor<1x1xf32>
}

// -----

// Outputs are quantized per tensor.
// CHECK-LABEL: func.func @output_per_axis
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "output is quantized per axis"}
func.func @output_per_axis(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> tensor<1x2x!quant.uniform<u8:f32:1, {0.5, 0.25}>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x2x!quant.uniform<i8:f32, 0.25>> -> tensor<2x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %q = qgraph.quantize %y : tensor<1x2xf32> -> tensor<1x2x!quant.uniform<u8:f32:1, {0.5, 0.25}>>
  return %q : tensor<1x2x!quant.uniform<u8:f32:1, {0.5, 0.25}>>
}

// -----

// s_in * s_w / s_out = 1e5 * 1e5 / 1e-3 = 1e13: no int32 accumulator survives
// a multiplier that large.
// CHECK-LABEL: func.func @scale_too_large
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "requantization scale 1e+13: scale is 2^30 or more"}
func.func @scale_too_large(%xq: tensor<1x2x!quant.uniform<u8:f32, 1.0e5:0>>) -> tensor<1x1x!quant.uniform<u8:f32, 1.0e-3:0>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 1.0e5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 1.0e5>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 1.0e5>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 1.0e-3:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 1.0e-3:0>>
}
