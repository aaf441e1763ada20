// RUN: qcc-opt %s --qcc-verify-integer-only -split-input-file -verify-diagnostics
// Each float operation is reported at its location, with the reason fusion
// gave; integer cores and boundary wrappers are not.

// A fused core: nothing to report.
func.func @integer_core(%x: tensor<1x2xui8>) -> tensor<1x1xui8> {
  %w = qint.constant dense<1> : tensor<1x2xi8>
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : (tensor<1x2xui8>, tensor<1x2xi8>) -> tensor<1x1xui8>
  return %y : tensor<1x1xui8>
}

// The boundary wrapper converts by definition.
func.func @wrapper(%x: tensor<1x2xf32>) -> tensor<1x2xf32> attributes {qcc.io_wrapper} {
  %q = qgraph.quantize %x : tensor<1x2xf32> -> tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>
  %d = qgraph.dequantize %q : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  return %d : tensor<1x2xf32>
}

// -----

func.func @float_ops(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>, %w: tensor<1x2xf32>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>> {
  // expected-warning @+1 {{'qgraph.dequantize' converts integer to float inside the graph}}
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  // expected-warning @+1 {{'qgraph.linear' computes in float: not fused: weight is not a constant quantized to 8 bits per tensor or per output channel}}
  %y = qgraph.linear %x, %w {qcc.not_fused = "weight is not a constant quantized to 8 bits per tensor or per output channel"} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  // expected-warning @+1 {{'qgraph.relu' computes in float}}
  %r = qgraph.relu %y : tensor<1x1xf32>
  // expected-warning @+1 {{'qgraph.quantize' converts float to integer inside the graph}}
  %q = qgraph.quantize %r : tensor<1x1xf32> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
  return %q : tensor<1x1x!quant.uniform<u8:f32, 0.5:0>>
}

// -----

// numerics=onnx: bit-exact with ONNX Runtime, and honest about it.
func.func @float_epilogue(%x: tensor<1x2xui8>) -> tensor<1x1xui8> {
  %w = qint.constant dense<1> : tensor<1x2xi8>
  // expected-warning @+1 {{'qint.fully_connected' has a float epilogue: float32 scale, rounded half to even (numerics onnx)}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [0.5]>} : (tensor<1x2xui8>, tensor<1x2xi8>) -> tensor<1x1xui8>
  return %y : tensor<1x1xui8>
}

// -----

// Operations of other dialects are not hidden either.
func.func @other_dialect(%a: i32, %b: i32) -> i32 {
  // expected-warning @+1 {{'arith.addi' is not a qint operation}}
  %c = arith.addi %a, %b : i32
  return %c : i32
}
