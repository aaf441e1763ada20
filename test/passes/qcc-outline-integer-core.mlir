// RUN: qcc-opt %s --qcc-outline-integer-core --split-input-file | FileCheck %s
// RUN: qcc-opt %s --qcc-outline-integer-core --split-input-file | qcc-opt --split-input-file | FileCheck %s

// The boundary conversions move to the wrapper, which keeps the name, the
// signature and the argument names; the core gets quantized I/O.
// CHECK-LABEL: func.func @f(
// CHECK-SAME: %[[X:.+]]: tensor<4x2xf32> {qcc.name = "x"}) -> (tensor<4x2xf32> {qcc.name = "y"})
// CHECK-SAME: attributes {qcc.io_wrapper}
// CHECK-NEXT: %[[Q:.+]] = qgraph.quantize %[[X]] : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<u8:f32, 5.000000e-01:128>>
// CHECK-NEXT: %[[C:.+]] = call @f_core(%[[Q]])
// CHECK-NEXT: %[[D:.+]] = qgraph.dequantize %[[C]] : tensor<4x2x!quant.uniform<u8:f32, 2.500000e-01:10>> -> tensor<4x2xf32>
// CHECK-NEXT: return %[[D]]
// CHECK-LABEL: func.func @f_core(
// CHECK-SAME: %[[XQ:.+]]: tensor<4x2x!quant.uniform<u8:f32, 5.000000e-01:128>> {qcc.name = "x"}) -> (tensor<4x2x!quant.uniform<u8:f32, 2.500000e-01:10>> {qcc.name = "y"})
// CHECK-SAME: attributes {qcc.integer_core_of = "f"}
// CHECK-NEXT: %[[I:.+]] = qint.storage_cast %[[XQ]]
// CHECK-NEXT: %[[O:.+]] = qint.storage_cast %[[I]]
// CHECK-NEXT: return %[[O]]
func.func @f(%x: tensor<4x2xf32> {qcc.name = "x"}) -> (tensor<4x2xf32> {qcc.name = "y"}) {
  %q = qgraph.quantize %x : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<u8:f32, 0.5:128>>
  %i = qint.storage_cast %q : tensor<4x2x!quant.uniform<u8:f32, 0.5:128>> to tensor<4x2xui8>
  // A stand-in for the fused graph.
  %o = qint.storage_cast %i : tensor<4x2xui8> to tensor<4x2x!quant.uniform<u8:f32, 0.25:10>>
  %y = qgraph.dequantize %o : tensor<4x2x!quant.uniform<u8:f32, 0.25:10>> -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// An argument used by a float op as well stays float in the core (%b); a
// result that is not dequantized stays as it is (%r). %a and %d move.
// CHECK-LABEL: func.func @mixed(
// CHECK: %[[Q:.+]] = qgraph.quantize %arg0
// CHECK: %[[C:.+]]:2 = call @mixed_core(%[[Q]], %arg1) : (tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>, tensor<2xf32>) -> (tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>, tensor<2xf32>)
// CHECK: %[[D:.+]] = qgraph.dequantize %[[C]]#0
// CHECK: return %[[D]], %[[C]]#1
// CHECK-LABEL: func.func @mixed_core(
// CHECK-SAME: %arg0: tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>, %arg1: tensor<2xf32>) -> (tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>, tensor<2xf32>)
// CHECK: %[[R:.+]] = qgraph.relu %arg1
// CHECK: qgraph.quantize %arg1
// CHECK: return %arg0, %[[R]]
func.func @mixed(%a: tensor<2xf32>, %b: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %q = qgraph.quantize %a : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  %d = qgraph.dequantize %q : tensor<2x!quant.uniform<i8:f32, 0.5>> -> tensor<2xf32>
  %r = qgraph.relu %b : tensor<2xf32>
  %q2 = qgraph.quantize %b : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %d, %r : tensor<2xf32>, tensor<2xf32>
}

// -----

// Nothing quantized at the boundary: nothing to split.
// CHECK-LABEL: func.func @float_only(
// CHECK-NOT: qcc.io_wrapper
// CHECK: qgraph.relu
// CHECK-NOT: func.func @float_only_core
func.func @float_only(%a: tensor<2xf32>) -> tensor<2xf32> {
  %r = qgraph.relu %a : tensor<2xf32>
  return %r : tensor<2xf32>
}
