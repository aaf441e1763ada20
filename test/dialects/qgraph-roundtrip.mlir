// RUN: qcc-opt %s | qcc-opt | FileCheck %s
// RUN: qcc-opt %s --mlir-print-op-generic | qcc-opt | FileCheck %s
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

// A float constant prints without an arrow (its type is the value's); a
// quantized one keeps its arrow. Integer constants (QOperator graphs) too.
// CHECK-LABEL: func.func @constants
// CHECK-NEXT: qgraph.constant dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf32>{{$}}
// CHECK-NEXT: qgraph.constant dense<[12, -16]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 1.250000e-01>>
// CHECK-NEXT: qgraph.constant dense<3> : tensor<2xi64>{{$}}
// CHECK-NEXT: qgraph.constant dense<[12, -16]> : tensor<2xi8>{{$}}
func.func @constants() -> (tensor<2xf32>, tensor<2x!quant.uniform<i8:f32, 0.125>>, tensor<2xi64>, tensor<2xi8>) {
  %a = qgraph.constant dense<[1.5, -2.0]> : tensor<2xf32>
  %b = qgraph.constant dense<[12, -16]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.125>>
  %c = qgraph.constant dense<3> : tensor<2xi64> -> tensor<2xi64>
  %d = qgraph.constant dense<[12, -16]> : tensor<2xi8>
  return %a, %b, %c, %d : tensor<2xf32>, tensor<2x!quant.uniform<i8:f32, 0.125>>, tensor<2xi64>, tensor<2xi8>
}

// Per-axis quantize and dequantize, on an axis other than 0, with zero points.
// CHECK-LABEL: func.func @per_axis_quantize
// CHECK: %[[Q:.+]] = qgraph.quantize %arg0 : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {5.000000e-01:-1,2.500000e-01,1.250000e-01:7}>>
// CHECK: qgraph.dequantize %[[Q]] : tensor<2x3x!quant.uniform<i8:f32:1, {5.000000e-01:-1,2.500000e-01,1.250000e-01:7}>> -> tensor<2x3xf32>
func.func @per_axis_quantize(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %q = qgraph.quantize %arg0 : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.5:-1, 0.25, 0.125:7}>>
  %x = qgraph.dequantize %q : tensor<2x3x!quant.uniform<i8:f32:1, {0.5:-1, 0.25, 0.125:7}>> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// conv2d with and without its bias; groups, strides and asymmetric pads.
// CHECK-LABEL: func.func @conv2d
// CHECK: qgraph.conv2d %arg0, %arg1, %arg2 {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 0, 1>, strides = array<i64: 2, 1>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x8xf32>
// CHECK: qgraph.conv2d %arg0, %arg1 {dilations = array<i64: 2, 2>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x4x4xf32>
func.func @conv2d(%arg0: tensor<1x4x8x8xf32>, %arg1: tensor<6x2x3x3xf32>, %arg2: tensor<6xf32>) -> (tensor<1x6x4x8xf32>, tensor<1x6x4x4xf32>) {
  %y = qgraph.conv2d %arg0, %arg1, %arg2 {strides = array<i64: 2, 1>, pads = array<i64: 1, 1, 0, 1>, dilations = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x8xf32>
  %z = qgraph.conv2d %arg0, %arg1 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x4x4xf32>
  return %y, %z : tensor<1x6x4x8xf32>, tensor<1x6x4x4xf32>
}

// Broadcasting add and mul, and clip.
// CHECK-LABEL: func.func @elementwise
// CHECK: %[[A:.+]] = qgraph.add %arg0, %arg1 : (tensor<4x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
// CHECK: %[[M:.+]] = qgraph.mul %[[A]], %arg2 : (tensor<4x10xf32>, tensor<4x1xf32>) -> tensor<4x10xf32>
// CHECK: qgraph.clip %[[M]] {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<4x10xf32>
// CHECK: qgraph.clip %{{.+}} {max = 0x7F800000 : f32, min = -1.000000e+00 : f32} : tensor<4x10xf32>
func.func @elementwise(%arg0: tensor<4x10xf32>, %arg1: tensor<10xf32>, %arg2: tensor<4x1xf32>) -> tensor<4x10xf32> {
  %a = qgraph.add %arg0, %arg1 : (tensor<4x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %m = qgraph.mul %a, %arg2 : (tensor<4x10xf32>, tensor<4x1xf32>) -> tensor<4x10xf32>
  %c = qgraph.clip %m {min = 0.0 : f32, max = 6.0 : f32} : tensor<4x10xf32>
  %d = qgraph.clip %c {min = -1.0 : f32, max = 0x7F800000 : f32} : tensor<4x10xf32>
  return %d : tensor<4x10xf32>
}

// Pools with and without ceil_mode and count_include_pad.
// CHECK-LABEL: func.func @pools
// CHECK: qgraph.max_pool2d %arg0 {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x3x11x10xf32> -> tensor<1x3x5x5xf32>
// CHECK: qgraph.max_pool2d %arg0 {ceil_mode, dilations = array<i64: 1, 2>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x3x11x10xf32> -> tensor<1x3x6x5xf32>
// CHECK: qgraph.avg_pool2d %arg0 {ceil_mode, count_include_pad, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x3x11x10xf32> -> tensor<1x3x6x6xf32>
// CHECK: qgraph.avg_pool2d %arg0 {dilations = array<i64: 1, 1>, kernel = array<i64: 11, 10>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : tensor<1x3x11x10xf32> -> tensor<1x3x1x1xf32>
func.func @pools(%arg0: tensor<1x3x11x10xf32>) -> (tensor<1x3x5x5xf32>, tensor<1x3x6x5xf32>, tensor<1x3x6x6xf32>, tensor<1x3x1x1xf32>) {
  %a = qgraph.max_pool2d %arg0 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x11x10xf32> -> tensor<1x3x5x5xf32>
  %b = qgraph.max_pool2d %arg0 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode} : tensor<1x3x11x10xf32> -> tensor<1x3x6x5xf32>
  %c = qgraph.avg_pool2d %arg0 {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, ceil_mode, count_include_pad} : tensor<1x3x11x10xf32> -> tensor<1x3x6x6xf32>
  %d = qgraph.avg_pool2d %arg0 {kernel = array<i64: 11, 10>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x3x11x10xf32> -> tensor<1x3x1x1xf32>
  return %a, %b, %c, %d : tensor<1x3x5x5xf32>, tensor<1x3x6x5xf32>, tensor<1x3x6x6xf32>, tensor<1x3x1x1xf32>
}

// Data movement: concat of three, reshape of floats and of per-tensor
// quantized values, transpose of floats, integers and a per-axis type whose
// axis moves with the data.
// CHECK-LABEL: func.func @data_movement
// CHECK: qgraph.concat %arg0, %arg1, %arg0 {axis = 1 : i64} : (tensor<1x4x2x2xf32>, tensor<1x8x2x2xf32>, tensor<1x4x2x2xf32>) -> tensor<1x16x2x2xf32>
// CHECK: qgraph.concat %arg0 {axis = 0 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
// CHECK: qgraph.reshape %arg0 : tensor<1x4x2x2xf32> -> tensor<1x16xf32>
// CHECK: qgraph.reshape %arg2 : tensor<1x4x2x2x!quant.uniform<u8:f32, 5.000000e-01:3>> -> tensor<16x!quant.uniform<u8:f32, 5.000000e-01:3>>
// CHECK: qgraph.transpose %arg0 {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x4x2x2xf32> -> tensor<1x2x2x4xf32>
// CHECK: qgraph.transpose %arg3 {permutation = array<i64: 1, 0>} : tensor<3x5xi8> -> tensor<5x3xi8>
// CHECK: qgraph.transpose %arg4 {permutation = array<i64: 1, 0>} : tensor<3x5x!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01,1.250000e-01}>> -> tensor<5x3x!quant.uniform<i8:f32:1, {5.000000e-01,2.500000e-01,1.250000e-01}>>
func.func @data_movement(%arg0: tensor<1x4x2x2xf32>, %arg1: tensor<1x8x2x2xf32>, %arg2: tensor<1x4x2x2x!quant.uniform<u8:f32, 0.5:3>>, %arg3: tensor<3x5xi8>, %arg4: tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>>) {
  %c = qgraph.concat %arg0, %arg1, %arg0 {axis = 1 : i64} : (tensor<1x4x2x2xf32>, tensor<1x8x2x2xf32>, tensor<1x4x2x2xf32>) -> tensor<1x16x2x2xf32>
  %c1 = qgraph.concat %arg0 {axis = 0 : i64} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %r = qgraph.reshape %arg0 : tensor<1x4x2x2xf32> -> tensor<1x16xf32>
  %rq = qgraph.reshape %arg2 : tensor<1x4x2x2x!quant.uniform<u8:f32, 0.5:3>> -> tensor<16x!quant.uniform<u8:f32, 0.5:3>>
  %t = qgraph.transpose %arg0 {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x4x2x2xf32> -> tensor<1x2x2x4xf32>
  %ti = qgraph.transpose %arg3 {permutation = array<i64: 1, 0>} : tensor<3x5xi8> -> tensor<5x3xi8>
  %tq = qgraph.transpose %arg4 {permutation = array<i64: 1, 0>} : tensor<3x5x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125}>> -> tensor<5x3x!quant.uniform<i8:f32:1, {0.5, 0.25, 0.125}>>
  return
}

// Dynamic quantization: the QDQ form's range op and ONNX's
// DynamicQuantizeLinear with its three results.
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[D:.+]] = qgraph.dynamic_quantize %arg0 {fallback_scale = 1.000000e-01 : f32, qmax = 127 : i32, qmin = 0 : i32, storage_max = 255 : i32, storage_min = 0 : i32} : tensor<4x10xf32>
// CHECK: %output, %scale, %zero_point = qgraph.dynamic_quantize_linear %[[D]] : tensor<4x10xf32> -> (tensor<4x10xui8>, tensor<f32>, tensor<ui8>)
// CHECK: return %output, %scale, %zero_point
func.func @dynamic(%arg0: tensor<4x10xf32>) -> (tensor<4x10xui8>, tensor<f32>, tensor<ui8>) {
  %d = qgraph.dynamic_quantize %arg0 {qmin = 0 : i32, qmax = 127 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.1 : f32} : tensor<4x10xf32>
  %y, %s, %z = qgraph.dynamic_quantize_linear %d : tensor<4x10xf32> -> (tensor<4x10xui8>, tensor<f32>, tensor<ui8>)
  return %y, %s, %z : tensor<4x10xui8>, tensor<f32>, tensor<ui8>
}

// Signed ranges read as signed (I32Attr getters return unsigned values).
// CHECK-LABEL: func.func @dynamic_quantize_signed_range
// CHECK: qgraph.dynamic_quantize %arg0 {fallback_scale = 1.000000e+00 : f32, qmax = 127 : i32, qmin = -128 : i32, storage_max = 127 : i32, storage_min = -128 : i32} : tensor<4xf32>
func.func @dynamic_quantize_signed_range(%x: tensor<4xf32>) -> tensor<4xf32> {
  %d = qgraph.dynamic_quantize %x {qmin = -128 : i32, qmax = 127 : i32, storage_min = -128 : i32, storage_max = 127 : i32, fallback_scale = 1.0 : f32} : tensor<4xf32>
  return %d : tensor<4xf32>
}
