// RUN: qcc-opt %s | qcc-opt | FileCheck %s
// The printer and the parser agree on every qgraph operation.

// CHECK-LABEL: func.func @qdq_linear
// CHECK: %[[XQ:.+]] = qgraph.quantize %arg0 : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 5.000000e-01:128>>
// CHECK: %[[X:.+]] = qgraph.dequantize %[[XQ]] : tensor<2x4x!quant.uniform<u8:f32, 5.000000e-01:128>> -> tensor<2x4xf32>
// CHECK: %[[WQ:.+]] = qgraph.constant dense<{{.+}}> : tensor<3x4xi8> -> tensor<3x4x!quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01,5.000000e-01}>>
// CHECK: %[[B:.+]] = qgraph.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK: %[[Y:.+]] = qgraph.linear %[[X]], %{{.+}}, %[[B]] : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qgraph.relu %[[Y]] : tensor<2x3xf32>
// CHECK: qgraph.linear %{{.+}}, %{{.+}} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
func.func @qdq_linear(%arg0: tensor<2x4xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %xq = qgraph.quantize %arg0 : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>
  %x = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wq = qgraph.constant dense<[[1, 2, 3, 4], [-1, -2, -3, -4], [0, 0, 127, -128]]> : tensor<3x4xi8> -> tensor<3x4x!quant.uniform<i8:f32:0, {0.25, 0.125, 0.5}>>
  %w = qgraph.dequantize %wq : tensor<3x4x!quant.uniform<i8:f32:0, {0.25, 0.125, 0.5}>> -> tensor<3x4xf32>
  %b = qgraph.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %y = qgraph.linear %x, %w, %b : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %r = qgraph.relu %y : tensor<2x3xf32>
  %z = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %r, %z : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @unsigned_and_narrow_constants
// CHECK: qgraph.constant dense<[0, 255]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 1.000000e+00:7>>
// CHECK: qgraph.constant dense<[-127, 127]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 1.000000e+00>>
// CHECK: qgraph.constant dense<[-2147483648, 2147483647]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 1.000000e+00>>
func.func @unsigned_and_narrow_constants() -> (tensor<2x!quant.uniform<u8:f32, 1.0:7>>, tensor<2x!quant.uniform<i8<-127:127>:f32, 1.0>>, tensor<2x!quant.uniform<i32:f32, 1.0>>) {
  %a = qgraph.constant dense<[0, 255]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 1.0:7>>
  %b = qgraph.constant dense<[-127, 127]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 1.0>>
  %c = qgraph.constant dense<[-2147483648, 2147483647]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 1.0>>
  return %a, %b, %c : tensor<2x!quant.uniform<u8:f32, 1.0:7>>, tensor<2x!quant.uniform<i8<-127:127>:f32, 1.0>>, tensor<2x!quant.uniform<i32:f32, 1.0>>
}
