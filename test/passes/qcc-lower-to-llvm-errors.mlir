// RUN: qcc-opt %s --qcc-lower-to-llvm -verify-diagnostics
// The error of --qcc-lower-to-llvm: something is left that only
// --qcc-lower-to-runtime knows how to lower.

func.func @not_lowered(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'qgraph.relu' must be lowered by --qcc-lower-to-runtime before --qcc-lower-to-llvm}}
  %y = qgraph.relu %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
