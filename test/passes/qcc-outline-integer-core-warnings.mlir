// RUN: qcc-opt %s --qcc-outline-integer-core -verify-diagnostics | FileCheck %s
// The one diagnostic the outlining pass gives: the core's name is taken.

// CHECK-LABEL: func.func @g(
// CHECK-NOT: qcc.io_wrapper
// CHECK: qgraph.quantize
// expected-warning @+1 {{not split into an integer core: @g_core already exists}}
func.func @g(%x: tensor<2xf32>) -> tensor<2x!quant.uniform<i8:f32, 0.5>> {
  %q = qgraph.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<i8:f32, 0.5>>
}

func.func @g_core() {
  return
}
