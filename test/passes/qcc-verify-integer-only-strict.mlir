// RUN: qcc-opt %s --qcc-verify-integer-only=strict -verify-diagnostics
// With strict, the report is an error and the pass fails.

func.func @float_linear(%x: tensor<1x2xf32>, %w: tensor<1x2xf32>) -> tensor<1x1xf32> {
  // expected-error @+1 {{'qgraph.linear' computes in float}}
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}
