// RUN: qcc-opt %s | qcc-opt | FileCheck %s
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
