// RUN: qcc-opt %s --qcc-compile -verify-diagnostics | FileCheck %s
// RUN: not qcc-opt %s --qcc-compile=strict 2>&1 | FileCheck %s --check-prefix=STRICT
// A model with a layer qcc cannot fuse (its weight is float, never
// quantized): the layer runs in float and is reported, not hidden. With
// strict, the compilation fails.

// STRICT: error: 'qgraph.linear' computes in float: not fused: weight is not a constant quantized to 8 bits per tensor or per output channel

// CHECK-LABEL: llvm.func @qcc_main_core(
// CHECK: llvm.call @qcc_rt_dequantize
// CHECK: llvm.call @qcc_rt_linear_f32
// CHECK: llvm.call @qcc_rt_quantize
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %xq = qgraph.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>
  // expected-warning @+1 {{'qgraph.dequantize' converts integer to float inside the graph}}
  %xd = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %w = qgraph.constant dense<0.5> : tensor<3x4xf32>
  // expected-warning @+1 {{'qgraph.linear' computes in float: not fused: weight is not a constant quantized to 8 bits per tensor or per output channel}}
  %y = qgraph.linear %xd, %w : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  // expected-warning @+1 {{'qgraph.quantize' converts float to integer inside the graph}}
  %yq = qgraph.quantize %y : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32, 0.25:100>>
  %yd = qgraph.dequantize %yq : tensor<2x3x!quant.uniform<u8:f32, 0.25:100>> -> tensor<2x3xf32>
  return %yd : tensor<2x3xf32>
}
