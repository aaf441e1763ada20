// RUN: qcc-opt %s --qcc-compile | FileCheck %s
// RUN: qcc-opt %s --qcc-compile | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR
// RUN: qcc-opt %s --qcc-fuse | FileCheck %s --check-prefix=FUSED
// The whole pipeline on a two-layer MLP in QDQ form: float weights behind
// quantize/dequantize, float biases. The integer core calls the integer
// kernel and nothing else; only the wrapper converts floats.

// FUSED-LABEL: func.func @main(
// FUSED-SAME: attributes {qcc.io_wrapper}
// FUSED: qgraph.quantize
// FUSED: call @main_core
// FUSED: qgraph.dequantize
// FUSED-LABEL: func.func @main_core(
// FUSED-NOT: qgraph.
// Layer 1: 0.5 * 0.25 / 0.125 = 1.0 = 2^30 * 2^(1 - 31). Layer 2, per
// channel: 0.125 * {0.0625, 0.125} / 0.25 = {2^-5, 2^-4}.
// FUSED: qint.fully_connected {{.+}} {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [1]>, weight_zero_points = array<i32: 0>} : (tensor<2x4xui8>, tensor<3x4xi8>, tensor<3xi32>) -> tensor<2x3xui8>
// FUSED: qint.fully_connected {{.+}} {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 100, clamp = [0, 255], multiplier = [1073741824, 1073741824], shift = [-4, -3]>, weight_zero_points = array<i32: 0>} : (tensor<2x3xui8>, tensor<2x3xi8>) -> tensor<2x2xui8>
// FUSED-NOT: qgraph.

// CHECK-LABEL: llvm.func @qcc_main_core(
// CHECK-NOT: qcc_rt_quantize
// CHECK-NOT: qcc_rt_dequantize
// CHECK: llvm.call @qcc_rt_fully_connected
// CHECK: llvm.call @qcc_rt_fully_connected
// CHECK-NEXT: llvm.return
// CHECK-LABEL: llvm.func @qcc_main(
// CHECK: llvm.call @qcc_rt_quantize
// CHECK: llvm.call @qcc_main_core
// CHECK: llvm.call @qcc_rt_dequantize
// CHECK: llvm.mlir.global external constant @qcc_model()

// IR-LABEL: define void @qcc_main_core(
// IR-NOT: {{fmul|fadd|fdiv|fptosi|sitofp|float}}
// IR: ret void
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %xq = qgraph.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>
  %xd = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %w1 = qgraph.constant dense<[[0.5, -0.5, 1.0, 0.0], [0.25, 0.25, 0.25, 0.25], [-1.0, 0.0, 0.5, 2.0]]> : tensor<3x4xf32>
  %w1q = qgraph.quantize %w1 : tensor<3x4xf32> -> tensor<3x4x!quant.uniform<i8:f32, 0.25>>
  %w1d = qgraph.dequantize %w1q : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %b1 = qgraph.constant dense<[0.5, -0.25, 1.0]> : tensor<3xf32>
  %h = qgraph.linear %xd, %w1d, %b1 : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %hr = qgraph.relu %h : tensor<2x3xf32>
  %hq = qgraph.quantize %hr : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32, 0.125:0>>
  %hd = qgraph.dequantize %hq : tensor<2x3x!quant.uniform<u8:f32, 0.125:0>> -> tensor<2x3xf32>
  %w2 = qgraph.constant dense<[[1.0, -1.0, 0.5], [0.5, 0.5, -2.0]]> : tensor<2x3xf32>
  %w2q = qgraph.quantize %w2 : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.0625, 0.125}>>
  %w2d = qgraph.dequantize %w2q : tensor<2x3x!quant.uniform<i8:f32:0, {0.0625, 0.125}>> -> tensor<2x3xf32>
  %y = qgraph.linear %hd, %w2d : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  %yq = qgraph.quantize %y : tensor<2x2xf32> -> tensor<2x2x!quant.uniform<u8:f32, 0.25:100>>
  %yd = qgraph.dequantize %yq : tensor<2x2x!quant.uniform<u8:f32, 0.25:100>> -> tensor<2x2xf32>
  return %yd : tensor<2x2xf32>
}
