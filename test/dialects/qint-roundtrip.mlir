// RUN: qcc-opt %s | qcc-opt | FileCheck %s
// RUN: qcc-opt %s --mlir-print-op-generic | qcc-opt | FileCheck %s
// RUN: qcc-opt %s --canonicalize | FileCheck %s --check-prefix=FOLD
// The printer and the parser agree on every qint operation and attribute,
// float scales included (printed with nine digits, enough for float32).

// CHECK-LABEL: func.func @fully_connected
// CHECK: %[[X:.+]] = qint.storage_cast %arg0 : tensor<4x8x!quant.uniform<u8:f32, 5.000000e-01:128>> to tensor<4x8xui8>
// CHECK: %[[W:.+]] = qint.constant dense<1> : tensor<3x8xi8>
// CHECK: %[[W2:.+]] = qint.constant dense<-1> : tensor<2x8xi8>
// CHECK: %[[B:.+]] = qint.constant dense<[1, -2, 3]> : tensor<3xi32>
// CHECK: qint.fully_connected %[[X]], %[[W]], %[[B]] {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 10, clamp = [10, 255], multiplier = [1073741824, 1518500250, 2147483647], shift = [-1, -7, 0]>, weight_zero_points = array<i32: 0>} : (tensor<4x8xui8>, tensor<3x8xi8>, tensor<3xi32>) -> tensor<4x3xui8>
// CHECK: qint.fully_connected %[[X]], %[[W]] {input_zero_point = 128 : i32, requant = #qint.requant<single_round, zp = -3, clamp = [-128, 127], multiplier = [0], shift = [0]>, weight_zero_points = array<i32: 1, 2, 3>} : (tensor<4x8xui8>, tensor<3x8xi8>) -> tensor<4x3xi8>
// CHECK: qint.fully_connected %[[X]], %[[W2]] {input_zero_point = 128 : i32, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [0.00123456784, 3.40282347e+38]>, weight_zero_points = array<i32: 0>} : (tensor<4x8xui8>, tensor<2x8xi8>) -> tensor<4x2xui8>
// CHECK: qint.storage_cast %{{.+}} : tensor<4x3xui8> to tensor<4x3x!quant.uniform<u8:f32, 2.500000e-01:10>>
func.func @fully_connected(%arg0: tensor<4x8x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x3x!quant.uniform<u8:f32, 0.25:10>> {
  %x = qint.storage_cast %arg0 : tensor<4x8x!quant.uniform<u8:f32, 0.5:128>> to tensor<4x8xui8>
  %w = qint.constant dense<1> : tensor<3x8xi8>
  %w2 = qint.constant dense<-1> : tensor<2x8xi8>
  %b = qint.constant dense<[1, -2, 3]> : tensor<3xi32>
  %y = qint.fully_connected %x, %w, %b {input_zero_point = 128 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 10, clamp = [10, 255], multiplier = [1073741824, 1518500250, 2147483647], shift = [-1, -7, 0]>} : (tensor<4x8xui8>, tensor<3x8xi8>, tensor<3xi32>) -> tensor<4x3xui8>
  %z = qint.fully_connected %x, %w {input_zero_point = 128 : i32, weight_zero_points = array<i32: 1, 2, 3>, requant = #qint.requant<single_round, zp = -3, clamp = [-128, 127], multiplier = [0], shift = [0]>} : (tensor<4x8xui8>, tensor<3x8xi8>) -> tensor<4x3xi8>
  %f = qint.fully_connected %x, %w2 {input_zero_point = 128 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [0.00123456784, 3.40282347e+38]>} : (tensor<4x8xui8>, tensor<2x8xi8>) -> tensor<4x2xui8>
  %q = qint.storage_cast %y : tensor<4x3xui8> to tensor<4x3x!quant.uniform<u8:f32, 0.25:10>>
  return %q : tensor<4x3x!quant.uniform<u8:f32, 0.25:10>>
}

// A cast back to where it came from folds away.
// FOLD-LABEL: func.func @cast_of_cast
// FOLD-NEXT: return %arg0
func.func @cast_of_cast(%arg0: tensor<4xi8>) -> tensor<4xi8> {
  %q = qint.storage_cast %arg0 : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 0.5>>
  %i = qint.storage_cast %q : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<4xi8>
  return %i : tensor<4xi8>
}

// Storage casts in both directions, for u8, i8 and i32 storage; integer
// constants of the three element types.
// CHECK-LABEL: func.func @casts_and_constants
// CHECK: qint.storage_cast %arg0 : tensor<2x!quant.uniform<i8:f32, 2.500000e-01:-3>> to tensor<2xi8>
// CHECK: qint.storage_cast %arg1 : tensor<3xi32> to tensor<3x!quant.uniform<i32:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>>
// CHECK: qint.constant dense<[0, 255]> : tensor<2xui8>
// CHECK: qint.constant dense<[-128, 127]> : tensor<2xi8>
// CHECK: qint.constant dense<-2147483648> : tensor<3xi32>
func.func @casts_and_constants(%arg0: tensor<2x!quant.uniform<i8:f32, 0.25:-3>>, %arg1: tensor<3xi32>) -> (tensor<2xi8>, tensor<3x!quant.uniform<i32:f32:0, {0.1, 0.2, 0.3}>>, tensor<2xui8>, tensor<2xi8>, tensor<3xi32>) {
  %a = qint.storage_cast %arg0 : tensor<2x!quant.uniform<i8:f32, 0.25:-3>> to tensor<2xi8>
  %b = qint.storage_cast %arg1 : tensor<3xi32> to tensor<3x!quant.uniform<i32:f32:0, {0.1, 0.2, 0.3}>>
  %c = qint.constant dense<[0, 255]> : tensor<2xui8>
  %d = qint.constant dense<[-128, 127]> : tensor<2xi8>
  %e = qint.constant dense<-2147483648> : tensor<3xi32>
  return %a, %b, %c, %d, %e : tensor<2xi8>, tensor<3x!quant.uniform<i32:f32:0, {0.1, 0.2, 0.3}>>, tensor<2xui8>, tensor<2xi8>, tensor<3xi32>
}

// fully_connected without requant is the raw int32 accumulator (MatMulInteger);
// its input may have more than two dimensions.
// CHECK-LABEL: func.func @fully_connected_accumulator
// CHECK: qint.fully_connected %arg0, %arg1 {input_zero_point = 3 : i32, weight_zero_points = array<i32: -1>} : (tensor<2x3x8xui8>, tensor<4x8xi8>) -> tensor<2x3x4xi32>
func.func @fully_connected_accumulator(%arg0: tensor<2x3x8xui8>, %arg1: tensor<4x8xi8>) -> tensor<2x3x4xi32> {
  %y = qint.fully_connected %arg0, %arg1 {input_zero_point = 3 : i32, weight_zero_points = array<i32: -1>} : (tensor<2x3x8xui8>, tensor<4x8xi8>) -> tensor<2x3x4xi32>
  return %y : tensor<2x3x4xi32>
}

// conv2d with bias and per-channel requant; without bias; without requant.
// CHECK-LABEL: func.func @conv2d
// CHECK: qint.conv2d %arg0, %arg1, %arg2 {dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 128 : i32, pads = array<i64: 1, 1, 1, 1>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1518500250, 1073741824], shift = [-7, 0]>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x3xui8>, tensor<2x3x3x3xi8>, tensor<2xi32>) -> tensor<1x8x8x2xui8>
// CHECK: qint.conv2d %arg0, %arg1 {dilations = array<i64: 2, 1>, groups = 1 : i64, input_zero_point = 0 : i32, pads = array<i64: 0, 1, 2, 0>, requant = #qint.requant<single_round, zp = -5, clamp = [-128, 127], multiplier = [1073741824], shift = [3]>, strides = array<i64: 2, 2>, weight_zero_points = array<i32: 1, -2>} : (tensor<1x8x8x3xui8>, tensor<2x3x3x3xi8>) -> tensor<1x3x4x2xi8>
// CHECK: qint.conv2d %arg3, %arg4 {dilations = array<i64: 1, 1>, groups = 4 : i64, input_zero_point = -3 : i32, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x4x4x4xi8>, tensor<4x3x3x1xi8>) -> tensor<1x2x2x4xi32>
func.func @conv2d(%arg0: tensor<1x8x8x3xui8>, %arg1: tensor<2x3x3x3xi8>, %arg2: tensor<2xi32>, %arg3: tensor<1x4x4x4xi8>, %arg4: tensor<4x3x3x1xi8>) -> (tensor<1x8x8x2xui8>, tensor<1x3x4x2xi8>, tensor<1x2x2x4xi32>) {
  %a = qint.conv2d %arg0, %arg1, %arg2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 128 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1518500250, 1073741824], shift = [-7, 0]>} : (tensor<1x8x8x3xui8>, tensor<2x3x3x3xi8>, tensor<2xi32>) -> tensor<1x8x8x2xui8>
  %b = qint.conv2d %arg0, %arg1 {strides = array<i64: 2, 2>, pads = array<i64: 0, 1, 2, 0>, dilations = array<i64: 2, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 1, -2>, requant = #qint.requant<single_round, zp = -5, clamp = [-128, 127], multiplier = [1073741824], shift = [3]>} : (tensor<1x8x8x3xui8>, tensor<2x3x3x3xi8>) -> tensor<1x3x4x2xi8>
  %c = qint.conv2d %arg3, %arg4 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 4 : i64, input_zero_point = -3 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x4x4x4xi8>, tensor<4x3x3x1xi8>) -> tensor<1x2x2x4xi32>
  return %a, %b, %c : tensor<1x8x8x2xui8>, tensor<1x3x4x2xi8>, tensor<1x2x2x4xi32>
}

// add with integer rescales, and with float_half_even (numerics onnx).
// CHECK-LABEL: func.func @add
// CHECK: qint.add %arg0, %arg1 {left_shift = 20 : i32, lhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>, lhs_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = 5, clamp = [0, 255], multiplier = [1073741824], shift = [-18]>, rhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1431655765], shift = [-1]>, rhs_zero_point = 0 : i32} : tensor<1x4x4x8xui8>
// CHECK: qint.add %arg0, %arg0 {left_shift = 0 : i32, lhs_rescale = #qint.requant<float_half_even, zp = 0, clamp = [-2147483648, 2147483647], scale = [0.5]>, lhs_zero_point = 255 : i32, requant = #qint.requant<float_half_even, zp = 7, clamp = [7, 255], scale = [0.75]>, rhs_rescale = #qint.requant<float_half_even, zp = 0, clamp = [-2147483648, 2147483647], scale = [0.25]>, rhs_zero_point = 0 : i32} : tensor<1x4x4x8xui8>
func.func @add(%arg0: tensor<1x4x4x8xui8>, %arg1: tensor<1x4x4x8xui8>) -> (tensor<1x4x4x8xui8>, tensor<1x4x4x8xui8>) {
  %a = qint.add %arg0, %arg1 {lhs_zero_point = 3 : i32, rhs_zero_point = 0 : i32, left_shift = 20 : i32,
      lhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>,
      rhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1431655765], shift = [-1]>,
      requant = #qint.requant<double_round, zp = 5, clamp = [0, 255], multiplier = [1073741824], shift = [-18]>} : tensor<1x4x4x8xui8>
  %b = qint.add %arg0, %arg0 {lhs_zero_point = 255 : i32, rhs_zero_point = 0 : i32, left_shift = 0 : i32,
      lhs_rescale = #qint.requant<float_half_even, zp = 0, clamp = [-2147483648, 2147483647], scale = [0.5]>,
      rhs_rescale = #qint.requant<float_half_even, zp = 0, clamp = [-2147483648, 2147483647], scale = [0.25]>,
      requant = #qint.requant<float_half_even, zp = 7, clamp = [7, 255], scale = [0.75]>} : tensor<1x4x4x8xui8>
  return %a, %b : tensor<1x4x4x8xui8>, tensor<1x4x4x8xui8>
}

// requantize: a change of type and scale; a clamp at the same quantization.
// CHECK-LABEL: func.func @requantize
// CHECK: qint.requantize %arg0 {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [1]>} : tensor<4x8xui8> -> tensor<4x8xi8>
// CHECK: qint.requantize %arg0 {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 128, clamp = [128, 255], multiplier = [1073741824], shift = [1]>} : tensor<4x8xui8> -> tensor<4x8xui8>
func.func @requantize(%arg0: tensor<4x8xui8>) -> (tensor<4x8xi8>, tensor<4x8xui8>) {
  %a = qint.requantize %arg0 {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [1]>} : tensor<4x8xui8> -> tensor<4x8xi8>
  %b = qint.requantize %arg0 {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 128, clamp = [128, 255], multiplier = [1073741824], shift = [1]>} : tensor<4x8xui8> -> tensor<4x8xui8>
  return %a, %b : tensor<4x8xi8>, tensor<4x8xui8>
}

// Pools, NHWC: max with and without ceil_mode; average with one divisor,
// and with count_include_pad and one requant channel per divisor.
// CHECK-LABEL: func.func @pools
// CHECK: qint.max_pool2d %arg0 {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x7x7x3xui8> -> tensor<1x3x3x3xui8>
// CHECK: qint.max_pool2d %arg0 {ceil_mode, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x7x7x3xui8> -> tensor<1x4x4x3xui8>
// CHECK: qint.avg_pool2d %arg0 {dilations = array<i64: 1, 1>, input_zero_point = 0 : i32, kernel = array<i64: 7, 7>, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1402438301], shift = [-5]>, strides = array<i64: 1, 1>} : tensor<1x7x7x3xui8> -> tensor<1x1x1x3xui8>
// CHECK: qint.avg_pool2d %arg0 {ceil_mode, count_include_pad, dilations = array<i64: 1, 1>, input_zero_point = 10 : i32, kernel = array<i64: 1, 2>, pads = array<i64: 0, 1, 0, 1>, requant = #qint.requant<double_round, zp = 3, clamp = [0, 255], multiplier = [1073741824, 1073741824], shift = [0, -1]>, strides = array<i64: 1, 2>} : tensor<1x7x7x3xui8> -> tensor<1x7x4x3xui8>
func.func @pools(%arg0: tensor<1x7x7x3xui8>) -> (tensor<1x3x3x3xui8>, tensor<1x4x4x3xui8>, tensor<1x1x1x3xui8>, tensor<1x7x4x3xui8>) {
  %a = qint.max_pool2d %arg0 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x7x7x3xui8> -> tensor<1x3x3x3xui8>
  %b = qint.max_pool2d %arg0 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode} : tensor<1x7x7x3xui8> -> tensor<1x4x4x3xui8>
  %c = qint.avg_pool2d %arg0 {kernel = array<i64: 7, 7>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1402438301], shift = [-5]>} : tensor<1x7x7x3xui8> -> tensor<1x1x1x3xui8>
  %d = qint.avg_pool2d %arg0 {kernel = array<i64: 1, 2>, strides = array<i64: 1, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 1, 0, 1>, ceil_mode, count_include_pad, input_zero_point = 10 : i32, requant = #qint.requant<double_round, zp = 3, clamp = [0, 255], multiplier = [1073741824, 1073741824], shift = [0, -1]>} : tensor<1x7x7x3xui8> -> tensor<1x7x4x3xui8>
  return %a, %b, %c, %d : tensor<1x3x3x3xui8>, tensor<1x4x4x3xui8>, tensor<1x1x1x3xui8>, tensor<1x7x4x3xui8>
}

// concat copying its inputs, and requantizing them (inputs of another type).
// CHECK-LABEL: func.func @concat
// CHECK: qint.concat %arg0, %arg1 {axis = 3 : i64} : (tensor<1x4x4x8xui8>, tensor<1x4x4x2xui8>) -> tensor<1x4x4x10xui8>
// CHECK: qint.concat %arg0, %arg2 {axis = 3 : i64, input_zero_points = array<i32: 0, -3>, requants = [#qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [1]>, #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [0.333333343]>]} : (tensor<1x4x4x8xui8>, tensor<1x4x4x8xi8>) -> tensor<1x4x4x16xui8>
func.func @concat(%arg0: tensor<1x4x4x8xui8>, %arg1: tensor<1x4x4x2xui8>, %arg2: tensor<1x4x4x8xi8>) -> (tensor<1x4x4x10xui8>, tensor<1x4x4x16xui8>) {
  %a = qint.concat %arg0, %arg1 {axis = 3 : i64} : (tensor<1x4x4x8xui8>, tensor<1x4x4x2xui8>) -> tensor<1x4x4x10xui8>
  %b = qint.concat %arg0, %arg2 {axis = 3 : i64, input_zero_points = array<i32: 0, -3>,
      requants = [#qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [1]>,
                  #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [0.333333343]>]} : (tensor<1x4x4x8xui8>, tensor<1x4x4x8xi8>) -> tensor<1x4x4x16xui8>
  return %a, %b : tensor<1x4x4x10xui8>, tensor<1x4x4x16xui8>
}

// reshape and transpose of 8-bit and int32 tensors.
// CHECK-LABEL: func.func @data_movement
// CHECK: qint.reshape %arg0 : tensor<1x64x2x2xui8> -> tensor<1x256xui8>
// CHECK: qint.transpose %arg0 {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x64x2x2xui8> -> tensor<1x2x2x64xui8>
// CHECK: qint.reshape %arg1 : tensor<2x3xi32> -> tensor<6xi32>
// CHECK: qint.transpose %arg1 {permutation = array<i64: 1, 0>} : tensor<2x3xi32> -> tensor<3x2xi32>
func.func @data_movement(%arg0: tensor<1x64x2x2xui8>, %arg1: tensor<2x3xi32>) -> (tensor<1x256xui8>, tensor<1x2x2x64xui8>, tensor<6xi32>, tensor<3x2xi32>) {
  %a = qint.reshape %arg0 : tensor<1x64x2x2xui8> -> tensor<1x256xui8>
  %b = qint.transpose %arg0 {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x64x2x2xui8> -> tensor<1x2x2x64xui8>
  %c = qint.reshape %arg1 : tensor<2x3xi32> -> tensor<6xi32>
  %d = qint.transpose %arg1 {permutation = array<i64: 1, 0>} : tensor<2x3xi32> -> tensor<3x2xi32>
  return %a, %b, %c, %d : tensor<1x256xui8>, tensor<1x2x2x64xui8>, tensor<6xi32>, tensor<3x2xi32>
}

// dynamic_fully_connected with bias, per-channel scales and relu; without
// bias and relu, one scale and signed weights' zero point.
// CHECK-LABEL: func.func @dynamic_fully_connected
// CHECK: qint.dynamic_fully_connected %arg0, %arg1, %arg2 {fallback_scale = 1.000000e-01 : f32, qmax = 127 : i32, qmin = 0 : i32, relu, storage_max = 255 : i32, storage_min = 0 : i32, weight_scales = array<f32: 2.400000e-03, 5.000000e-01>, weight_zero_points = array<i32: 0>} : (tensor<4x10xf32>, tensor<2x10xi8>, tensor<2xf32>) -> tensor<4x2xf32>
// CHECK: qint.dynamic_fully_connected %arg3, %arg1 {fallback_scale = 1.000000e+00 : f32, qmax = 255 : i32, qmin = 0 : i32, storage_max = 255 : i32, storage_min = 0 : i32, weight_scales = array<f32: 1.250000e-01>, weight_zero_points = array<i32: 3, -3>} : (tensor<2x3x10xf32>, tensor<2x10xi8>) -> tensor<2x3x2xf32>
func.func @dynamic_fully_connected(%arg0: tensor<4x10xf32>, %arg1: tensor<2x10xi8>, %arg2: tensor<2xf32>, %arg3: tensor<2x3x10xf32>) -> (tensor<4x2xf32>, tensor<2x3x2xf32>) {
  %a = qint.dynamic_fully_connected %arg0, %arg1, %arg2 {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.0024, 0.5>, qmin = 0 : i32, qmax = 127 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.1 : f32, relu} : (tensor<4x10xf32>, tensor<2x10xi8>, tensor<2xf32>) -> tensor<4x2xf32>
  %b = qint.dynamic_fully_connected %arg3, %arg1 {weight_zero_points = array<i32: 3, -3>, weight_scales = array<f32: 0.125>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<2x3x10xf32>, tensor<2x10xi8>) -> tensor<2x3x2xf32>
  return %a, %b : tensor<4x2xf32>, tensor<2x3x2xf32>
}

// Float scales that are whole numbers print with a '.', as MLIR's float
// literals need, so that they parse back.
// CHECK-LABEL: func.func @integral_float_scales
// CHECK: scale = [1.0]
// CHECK: scale = [1.0e+10]
func.func @integral_float_scales(%x: tensor<4xui8>) -> (tensor<4xui8>, tensor<4xui8>) {
  %a = qint.requantize %x {input_zero_point = 0 : i32, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [1.0]>} : tensor<4xui8> -> tensor<4xui8>
  %b = qint.requantize %x {input_zero_point = 0 : i32, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [1.0e10]>} : tensor<4xui8> -> tensor<4xui8>
  return %a, %b : tensor<4xui8>, tensor<4xui8>
}
