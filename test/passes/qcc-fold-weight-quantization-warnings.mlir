// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fold-weight-quantization))" -verify-diagnostics | FileCheck %s
// The one diagnostic the folding pass gives.

// A bias of 1e10 at scale 0.5 * 0.25 would be 8e10, beyond int32: it stays
// float, with a warning, and the linear will not fuse.
// CHECK-LABEL: func.func @bias_overflow
// CHECK: qgraph.constant dense<1.000000e+10> : tensor<1xf32>
func.func @bias_overflow(%xq: tensor<1x2x!quant.uniform<u8:f32, 0.5:0>>) -> tensor<1x1xf32> {
  %x = qgraph.dequantize %xq : tensor<1x2x!quant.uniform<u8:f32, 0.5:0>> -> tensor<1x2xf32>
  %wq = qgraph.constant dense<1> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2xf32>
  %b = qgraph.constant dense<1.0e10> : tensor<1xf32>
  // expected-warning @+1 {{float bias not quantized: bias[0] = 1e+10 does not fit in int32 at scale s_in * s_w = 0.125}}
  %y = qgraph.linear %x, %w, %b : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}
