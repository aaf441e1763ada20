// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq))" --split-input-file | FileCheck %s
// RUN: not qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=fast}))" 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fuse-qdq{numerics=onnx}))" --split-input-file | FileCheck %s --check-prefix=ONNX
// Rewrites that must not happen: the operation stays float, and says why in
// qcc.not_fused, which --qcc-verify-integer-only and qcc explain report. One
// case per reason of each family: linear and conv2d (and dynamic linear),
// add and standalone relu/clip, pooling, concat.

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

// -----

// conv2d is refused for the same reasons as linear, and says so: here a
// float input.
// CHECK-LABEL: func.func @conv_float_input
// CHECK: qgraph.conv2d {{.+}}qcc.not_fused = "input is not dequantized from a per-tensor 8-bit tensor"
// CHECK-NOT: qint.conv2d
func.func @conv_float_input(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>> {
  %wq = qgraph.constant dense<1> : tensor<2x2x1x1xi8> -> tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<2x2x1x1xf32>
  %y = qgraph.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %q = qgraph.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>>
}

// -----

// An int32 output is the raw accumulator only at scale s_in * s_w = 0.125;
// at 0.25 it would need a requantization to 32 bits, which qint lacks.
// CHECK-LABEL: func.func @int32_output_other_scale
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "output is quantized to 32 bits at another scale than input scale * weight scale, or through an activation"}
// CHECK-NOT: qint.fully_connected
func.func @int32_output_other_scale(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> tensor<1x1x!quant.uniform<i32:f32, 0.25>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<i32:f32, 0.25>>
  return %q : tensor<1x1x!quant.uniform<i32:f32, 0.25>>
}

// -----

// At the right scale but through a ReLU: the raw accumulator has no clamp.
// CHECK-LABEL: func.func @int32_output_through_relu
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "output is quantized to 32 bits at another scale than input scale * weight scale, or through an activation"}
// CHECK-NOT: qint.fully_connected
func.func @int32_output_through_relu(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> tensor<1x1x!quant.uniform<i32:f32, 0.125>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %r = qgraph.relu %y : tensor<1x1xf32>
  %q = qgraph.quantize %r : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<i32:f32, 0.125>>
  return %q : tensor<1x1x!quant.uniform<i32:f32, 0.125>>
}

// -----

// The bias of a dynamically quantized linear is added in float: it must be
// a float constant, not a run-time value.
// CHECK-LABEL: func.func @dynamic_bias_not_constant
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "bias of a dynamically quantized layer is not a float constant"}
// CHECK-NOT: qint.dynamic_fully_connected
func.func @dynamic_bias_not_constant(%x: tensor<1x2xf32>, %b: tensor<1xf32>) -> tensor<1x1xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %y = qgraph.linear %d, %w, %b : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}

// -----

// A dynamically quantized linear also needs a constant quantized weight.
// CHECK-LABEL: func.func @dynamic_weight_not_constant
// CHECK: qgraph.linear {{.+}} {qcc.not_fused = "weight is not a constant quantized to 8 bits per tensor or per output channel"}
// CHECK-NOT: qint.dynamic_fully_connected
func.func @dynamic_weight_not_constant(%x: tensor<1x2xf32>, %w: tensor<1x2xf32>) -> tensor<1x1xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : tensor<1x2xf32>
  %y = qgraph.linear %d, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}

// -----

// numerics=onnx computes the requantization scale in float32: 1e-30 * 1e-30
// underflows to 0, which ONNX Runtime could not apply. The integer rule
// works in double, where 1e-60 is below 2^-32: multiplier 0, exactly what
// every rounding makes of it (Requantize.h), so it fuses.
// CHECK-LABEL: func.func @onnx_scale_underflow
// CHECK: qint.fully_connected {{.+}}requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [0], shift = [0]>
// ONNX-LABEL: func.func @onnx_scale_underflow
// ONNX: qgraph.linear {{.+}} {qcc.not_fused = "requantization scale 0 (in float32) is not positive and finite"}
// ONNX-NOT: qint.fully_connected
func.func @onnx_scale_underflow(%xq: tensor<1x2x!quant.uniform<u8:f32, 1.0e-30:0>>) -> tensor<1x1x!quant.uniform<u8:f32, 1.0:0>> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 1.0e-30:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 1.0e-30>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 1.0e-30>> -> tensor<1x2xf32>
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 1.0:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 1.0:0>>
}

// -----

// add: a float left operand.
// CHECK-LABEL: func.func @add_left_float
// CHECK: qgraph.add {{.+}} {qcc.not_fused = "left operand is not dequantized from a per-tensor 8-bit tensor"}
// CHECK-NOT: qint.add
func.func @add_left_float(%a: tensor<2xf32>, %bq: tensor<2x!quant.uniform<u8:f32, 0.5>>) -> tensor<2x!quant.uniform<u8:f32, 0.5>> {
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %y = qgraph.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %q = qgraph.quantize %y : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<u8:f32, 0.5>>
}

// -----

// add: a right operand quantized per axis.
// CHECK-LABEL: func.func @add_right_per_axis
// CHECK: qgraph.add {{.+}} {qcc.not_fused = "right operand is not dequantized from a per-tensor 8-bit tensor"}
// CHECK-NOT: qint.add
func.func @add_right_per_axis(%aq: tensor<2x!quant.uniform<u8:f32, 0.5>>, %bq: tensor<2x!quant.uniform<u8:f32:0, {0.5, 0.25}>>) -> tensor<2x!quant.uniform<u8:f32, 0.5>> {
  %a = qgraph.dequantize %aq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32:0, {0.5, 0.25}>> -> tensor<2xf32>
  %y = qgraph.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %q = qgraph.quantize %y : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<u8:f32, 0.5>>
}

// -----

// add: [2, 3] + [3] broadcasts, which the quantized add does not.
// CHECK-LABEL: func.func @add_broadcast
// CHECK: qgraph.add {{.+}} {qcc.not_fused = "operands have different shapes (quantized add does not broadcast)"}
// CHECK-NOT: qint.add
func.func @add_broadcast(%aq: tensor<2x3x!quant.uniform<u8:f32, 0.5>>, %bq: tensor<3x!quant.uniform<u8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5>> {
  %a = qgraph.dequantize %aq : tensor<2x3x!quant.uniform<u8:f32, 0.5>> -> tensor<2x3xf32>
  %b = qgraph.dequantize %bq : tensor<3x!quant.uniform<u8:f32, 0.5>> -> tensor<3xf32>
  %y = qgraph.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %q = qgraph.quantize %y : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<2x3x!quant.uniform<u8:f32, 0.5>>
}

// -----

// add: a uint8 and an int8 operand; qint.add takes one type throughout.
// CHECK-LABEL: func.func @add_mixed_types
// CHECK: qgraph.add {{.+}} {qcc.not_fused = "operands and result are not all of one 8-bit type"}
// CHECK-NOT: qint.add
func.func @add_mixed_types(%aq: tensor<2x!quant.uniform<u8:f32, 0.5>>, %bq: tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x!quant.uniform<u8:f32, 0.5>> {
  %a = qgraph.dequantize %aq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<i8:f32, 0.5>> -> tensor<2xf32>
  %y = qgraph.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %q = qgraph.quantize %y : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<u8:f32, 0.5>>
}

// -----

// add: a float result.
// CHECK-LABEL: func.func @add_not_quantized
// CHECK: qgraph.add {{.+}} {qcc.not_fused = "result is not quantized (it must feed one quantize, directly or through one relu or clip)"}
// CHECK-NOT: qint.add
func.func @add_not_quantized(%aq: tensor<2x!quant.uniform<u8:f32, 0.5>>, %bq: tensor<2x!quant.uniform<u8:f32, 0.5>>) -> tensor<2xf32> {
  %a = qgraph.dequantize %aq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %y = qgraph.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// add: the output rescale 2 * max(1, 1) / (2^20 * 1e-15) = 1.90735e9 is
// 2^30 or more.
// CHECK-LABEL: func.func @add_scale_too_large
// CHECK: qgraph.add {{.+}} {qcc.not_fused = "requantization scale 1.90735e+09: scale is 2^30 or more"}
// CHECK-NOT: qint.add
func.func @add_scale_too_large(%aq: tensor<2x!quant.uniform<u8:f32, 1.0>>, %bq: tensor<2x!quant.uniform<u8:f32, 1.0>>) -> tensor<2x!quant.uniform<u8:f32, 1.0e-15>> {
  %a = qgraph.dequantize %aq : tensor<2x!quant.uniform<u8:f32, 1.0>> -> tensor<2xf32>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32, 1.0>> -> tensor<2xf32>
  %y = qgraph.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %q = qgraph.quantize %y : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32, 1.0e-15>>
  return %q : tensor<2x!quant.uniform<u8:f32, 1.0e-15>>
}

// -----

// A ReLU of float values that are not quantized afterwards.
// CHECK-LABEL: func.func @relu_not_quantized
// CHECK: qgraph.relu %arg0 {qcc.not_fused = "result is not quantized"}
func.func @relu_not_quantized(%x: tensor<2xf32>) -> tensor<2xf32> {
  %r = qgraph.relu %x : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// A ReLU quantized afterwards, of a float input.
// CHECK-LABEL: func.func @relu_float_input
// CHECK: qgraph.relu %arg0 {qcc.not_fused = "input is not dequantized from a per-tensor 8-bit tensor"}
// CHECK-NOT: qint.requantize
func.func @relu_float_input(%x: tensor<2xf32>) -> tensor<2x!quant.uniform<u8:f32, 0.5>> {
  %r = qgraph.relu %x : tensor<2xf32>
  %q = qgraph.quantize %r : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<u8:f32, 0.5>>
}

// -----

// qint.requantize produces 8 bits, not int32.
// CHECK-LABEL: func.func @relu_output_int32
// CHECK: qgraph.relu {{.+}} {qcc.not_fused = "output is not 8-bit"}
// CHECK-NOT: qint.requantize
func.func @relu_output_int32(%xq: tensor<2x!quant.uniform<u8:f32, 0.5>>) -> tensor<2x!quant.uniform<i32:f32, 0.5>> {
  %x = qgraph.dequantize %xq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %r = qgraph.relu %x : tensor<2xf32>
  %q = qgraph.quantize %r : tensor<2xf32> -> tensor<2x!quant.uniform<i32:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<i32:f32, 0.5>>
}

// -----

// A clip quantized per axis afterwards.
// CHECK-LABEL: func.func @clip_output_per_axis
// CHECK: qgraph.clip {{.+}}qcc.not_fused = "output is quantized per axis"
// CHECK-NOT: qint.requantize
func.func @clip_output_per_axis(%xq: tensor<2x!quant.uniform<u8:f32, 0.5>>) -> tensor<2x!quant.uniform<u8:f32:0, {0.5, 0.25}>> {
  %x = qgraph.dequantize %xq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %c = qgraph.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<2xf32>
  %q = qgraph.quantize %c : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32:0, {0.5, 0.25}>>
  return %q : tensor<2x!quant.uniform<u8:f32:0, {0.5, 0.25}>>
}

// -----

// A ReLU between scales 1e10 and 1: the rescale 1e10 is 2^30 or more.
// CHECK-LABEL: func.func @relu_scale_too_large
// CHECK: qgraph.relu {{.+}} {qcc.not_fused = "requantization scale 1e+10: scale is 2^30 or more"}
// CHECK-NOT: qint.requantize
func.func @relu_scale_too_large(%xq: tensor<2x!quant.uniform<u8:f32, 1.0e10>>) -> tensor<2x!quant.uniform<u8:f32, 1.0>> {
  %x = qgraph.dequantize %xq : tensor<2x!quant.uniform<u8:f32, 1.0e10>> -> tensor<2xf32>
  %r = qgraph.relu %x : tensor<2xf32>
  %q = qgraph.quantize %r : tensor<2xf32> -> tensor<2x!quant.uniform<u8:f32, 1.0>>
  return %q : tensor<2x!quant.uniform<u8:f32, 1.0>>
}

// -----

// Max pooling of a float input.
// CHECK-LABEL: func.func @max_pool_float_input
// CHECK: qgraph.max_pool2d %arg0 {{.+}}qcc.not_fused = "input is not dequantized from a per-tensor 8-bit tensor"
// CHECK-NOT: qint.max_pool2d
func.func @max_pool_float_input(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.5>> {
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1x1x1xf32> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<1x1x1x1x!quant.uniform<u8:f32, 0.5>>
}

// -----

// Max pooling from uint8 into int8: pooling keeps the storage type.
// CHECK-LABEL: func.func @max_pool_changes_type
// CHECK: qgraph.max_pool2d {{.+}}qcc.not_fused = "input and output are not of one 8-bit type"
// CHECK-NOT: qint.max_pool2d
func.func @max_pool_changes_type(%xq: tensor<1x1x2x2x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>> {
  %x = qgraph.dequantize %xq : tensor<1x1x2x2x!quant.uniform<u8:f32, 0.5>> -> tensor<1x1x2x2xf32>
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1x1x1xf32> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Average pooling with a float result.
// CHECK-LABEL: func.func @avg_pool_not_quantized
// CHECK: qgraph.avg_pool2d {{.+}}qcc.not_fused = "result is not quantized (it must feed one quantize, directly or through one relu or clip)"
// CHECK-NOT: qint.avg_pool2d
func.func @avg_pool_not_quantized(%xq: tensor<1x1x2x2x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x1x1x1xf32> {
  %x = qgraph.dequantize %xq : tensor<1x1x2x2x!quant.uniform<u8:f32, 0.5>> -> tensor<1x1x2x2xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  return %y : tensor<1x1x1x1xf32>
}

// -----

// Average pooling quantized per channel afterwards.
// CHECK-LABEL: func.func @avg_pool_output_per_axis
// CHECK: qgraph.avg_pool2d {{.+}}qcc.not_fused = "output is quantized per axis"
// CHECK-NOT: qint.avg_pool2d
func.func @avg_pool_output_per_axis(%xq: tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x2x1x1x!quant.uniform<u8:f32:1, {0.5, 0.25}>> {
  %x = qgraph.dequantize %xq : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.5>> -> tensor<1x2x2x2xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x2x2x2xf32> -> tensor<1x2x1x1xf32>
  %q = qgraph.quantize %y : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!quant.uniform<u8:f32:1, {0.5, 0.25}>>
  return %q : tensor<1x2x1x1x!quant.uniform<u8:f32:1, {0.5, 0.25}>>
}

// -----

// Average pooling of a 2x2 window from scale 1e10 to 1: 1e10 / 4 = 2.5e9 is
// 2^30 or more.
// CHECK-LABEL: func.func @avg_pool_scale_too_large
// CHECK: qgraph.avg_pool2d {{.+}}qcc.not_fused = "requantization scale 2.5e+09: scale is 2^30 or more"
// CHECK-NOT: qint.avg_pool2d
func.func @avg_pool_scale_too_large(%xq: tensor<1x1x2x2x!quant.uniform<u8:f32, 1.0e10>>) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 1.0>> {
  %x = qgraph.dequantize %xq : tensor<1x1x2x2x!quant.uniform<u8:f32, 1.0e10>> -> tensor<1x1x2x2xf32>
  %y = qgraph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1x1x1xf32> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 1.0>>
  return %q : tensor<1x1x1x1x!quant.uniform<u8:f32, 1.0>>
}

// -----

// Concat of a float input.
// CHECK-LABEL: func.func @concat_float_input
// CHECK: qgraph.concat {{.+}}qcc.not_fused = "an input is not dequantized from a per-tensor 8-bit tensor"
// CHECK-NOT: qint.concat
func.func @concat_float_input(%a: tensor<2xf32>, %bq: tensor<2x!quant.uniform<u8:f32, 0.5>>) -> tensor<4x!quant.uniform<u8:f32, 0.5>> {
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %y = qgraph.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  %q = qgraph.quantize %y : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.5>>
}

// -----

// Concat with a float result.
// CHECK-LABEL: func.func @concat_not_quantized
// CHECK: qgraph.concat {{.+}}qcc.not_fused = "result is not quantized (it must feed one quantize, directly or through one relu or clip)"
// CHECK-NOT: qint.concat
func.func @concat_not_quantized(%aq: tensor<2x!quant.uniform<u8:f32, 0.5>>, %bq: tensor<2x!quant.uniform<u8:f32, 0.5>>) -> tensor<4xf32> {
  %a = qgraph.dequantize %aq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %y = qgraph.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Concat quantized per axis afterwards.
// CHECK-LABEL: func.func @concat_output_per_axis
// CHECK: qgraph.concat {{.+}}qcc.not_fused = "output is quantized per axis"
// CHECK-NOT: qint.concat
func.func @concat_output_per_axis(%aq: tensor<1x2x!quant.uniform<u8:f32, 0.5>>, %bq: tensor<1x2x!quant.uniform<u8:f32, 0.5>>) -> tensor<2x2x!quant.uniform<u8:f32:1, {0.5, 0.25}>> {
  %a = qgraph.dequantize %aq : tensor<1x2x!quant.uniform<u8:f32, 0.5>> -> tensor<1x2xf32>
  %b = qgraph.dequantize %bq : tensor<1x2x!quant.uniform<u8:f32, 0.5>> -> tensor<1x2xf32>
  %y = qgraph.concat %a, %b {axis = 0 : i64} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<2x2xf32>
  %q = qgraph.quantize %y : tensor<2x2xf32> -> tensor<2x2x!quant.uniform<u8:f32:1, {0.5, 0.25}>>
  return %q : tensor<2x2x!quant.uniform<u8:f32:1, {0.5, 0.25}>>
}

// -----

// Concat into int32: qint.concat works on 8-bit values.
// CHECK-LABEL: func.func @concat_output_int32
// CHECK: qgraph.concat {{.+}}qcc.not_fused = "output is not 8-bit"
// CHECK-NOT: qint.concat
func.func @concat_output_int32(%aq: tensor<2x!quant.uniform<u8:f32, 0.5>>, %bq: tensor<2x!quant.uniform<u8:f32, 0.5>>) -> tensor<4x!quant.uniform<i32:f32, 0.5>> {
  %a = qgraph.dequantize %aq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32, 0.5>> -> tensor<2xf32>
  %y = qgraph.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  %q = qgraph.quantize %y : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i32:f32, 0.5>>
}

// -----

// Concat requantizing an input from scale 1e10 to 1.
// CHECK-LABEL: func.func @concat_scale_too_large
// CHECK: qgraph.concat {{.+}}qcc.not_fused = "requantization scale 1e+10: scale is 2^30 or more"
// CHECK-NOT: qint.concat
func.func @concat_scale_too_large(%aq: tensor<2x!quant.uniform<u8:f32, 1.0e10>>, %bq: tensor<2x!quant.uniform<u8:f32, 1.0>>) -> tensor<4x!quant.uniform<u8:f32, 1.0>> {
  %a = qgraph.dequantize %aq : tensor<2x!quant.uniform<u8:f32, 1.0e10>> -> tensor<2xf32>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<u8:f32, 1.0>> -> tensor<2xf32>
  %y = qgraph.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  %q = qgraph.quantize %y : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 1.0>>
  return %q : tensor<4x!quant.uniform<u8:f32, 1.0>>
}

// -----

// A max pool whose output scale no integer rule can reach (1e10 / 1 >= 2^30)
// stays float and says why; the pattern leaves the IR as it found it.
// CHECK-LABEL: func.func @max_pool_scale_too_large
// CHECK: qgraph.max_pool2d {{.+}}qcc.not_fused = "requantization scale 1e+10: scale is 2^30 or more"
func.func @max_pool_scale_too_large(%xq: tensor<1x1x2x2x!quant.uniform<u8:f32, 1.0e10>>) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 1.0>> {
  %x = qgraph.dequantize %xq : tensor<1x1x2x2x!quant.uniform<u8:f32, 1.0e10>> -> tensor<1x1x2x2xf32>
  %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  %q = qgraph.quantize %y : tensor<1x1x1x1xf32> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 1.0>>
  return %q : tensor<1x1x1x1x!quant.uniform<u8:f32, 1.0>>
}
