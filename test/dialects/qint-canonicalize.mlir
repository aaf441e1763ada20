// RUN: qcc-opt %s --canonicalize --split-input-file | FileCheck %s
// The qint folders and canonicalization patterns: transposes that cancel,
// compose, hoist above a requantize or become reshapes; clamps that join
// their producer's requantization; reshapes and casts that fold.

// An identity permutation moves nothing.
// CHECK-LABEL: func.func @transpose_identity
// CHECK-NEXT: return %arg0 : tensor<2x3xi8>
func.func @transpose_identity(%x: tensor<2x3xi8>) -> tensor<2x3xi8> {
  %t = qint.transpose %x {permutation = array<i64: 0, 1>} : tensor<2x3xi8> -> tensor<2x3xi8>
  return %t : tensor<2x3xi8>
}

// -----

// NCHW -> NHWC -> NCHW: a transpose of its inverse is its input.
// CHECK-LABEL: func.func @transpose_of_inverse
// CHECK-NEXT: return %arg0 : tensor<1x3x4x5xui8>
func.func @transpose_of_inverse(%x: tensor<1x3x4x5xui8>) -> tensor<1x3x4x5xui8> {
  %a = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xui8> -> tensor<1x4x5x3xui8>
  %b = qint.transpose %a {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x4x5x3xui8> -> tensor<1x3x4x5xui8>
  return %b : tensor<1x3x4x5xui8>
}

// -----

// The inner transpose has another reader: it stays, the outer one still
// folds to the original input.
// CHECK-LABEL: func.func @transpose_of_inverse_shared
// CHECK-NEXT: %[[A:.+]] = qint.transpose %arg0 {permutation = array<i64: 1, 0>} : tensor<2x3xi32> -> tensor<3x2xi32>
// CHECK-NEXT: return %arg0, %[[A]] : tensor<2x3xi32>, tensor<3x2xi32>
func.func @transpose_of_inverse_shared(%x: tensor<2x3xi32>) -> (tensor<2x3xi32>, tensor<3x2xi32>) {
  %a = qint.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xi32> -> tensor<3x2xi32>
  %b = qint.transpose %a {permutation = array<i64: 1, 0>} : tensor<3x2xi32> -> tensor<2x3xi32>
  return %b, %a : tensor<2x3xi32>, tensor<3x2xi32>
}

// -----

// Two transposes that do not cancel compose into one: result dimension i
// is x's dimension p[q[i]] = [1, 0, 2][[2, 1, 0][i]].
// CHECK-LABEL: func.func @compose_transposes
// CHECK-NEXT: %[[T:.+]] = qint.transpose %arg0 {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xi8> -> tensor<4x2x3xi8>
// CHECK-NEXT: return %[[T]]
func.func @compose_transposes(%x: tensor<2x3x4xi8>) -> tensor<4x2x3xi8> {
  %a = qint.transpose %x {permutation = array<i64: 1, 0, 2>} : tensor<2x3x4xi8> -> tensor<3x2x4xi8>
  %b = qint.transpose %a {permutation = array<i64: 2, 1, 0>} : tensor<3x2x4xi8> -> tensor<4x2x3xi8>
  return %b : tensor<4x2x3xi8>
}

// -----

// Three in a row compose as well.
// CHECK-LABEL: func.func @compose_three
// CHECK-NEXT: %[[T:.+]] = qint.transpose %arg0 {permutation = array<i64: 1, 2, 0>} : tensor<2x3x4xui8> -> tensor<3x4x2xui8>
// CHECK-NEXT: return %[[T]]
func.func @compose_three(%x: tensor<2x3x4xui8>) -> tensor<3x4x2xui8> {
  %a = qint.transpose %x {permutation = array<i64: 1, 0, 2>} : tensor<2x3x4xui8> -> tensor<3x2x4xui8>
  %b = qint.transpose %a {permutation = array<i64: 0, 2, 1>} : tensor<3x2x4xui8> -> tensor<3x4x2xui8>
  %c = qint.transpose %b {permutation = array<i64: 0, 1, 2>} : tensor<3x4x2xui8> -> tensor<3x4x2xui8>
  return %c : tensor<3x4x2xui8>
}

// -----

// NCHW -> NHWC of a single channel keeps the order of every dimension
// larger than 1: a reshape.
// CHECK-LABEL: func.func @unit_dims_to_reshape
// CHECK-NEXT: %[[R:.+]] = qint.reshape %arg0 : tensor<1x1x8x8xui8> -> tensor<1x8x8x1xui8>
// CHECK-NEXT: return %[[R]]
func.func @unit_dims_to_reshape(%x: tensor<1x1x8x8xui8>) -> tensor<1x8x8x1xui8> {
  %a = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x1x8x8xui8> -> tensor<1x8x8x1xui8>
  return %a : tensor<1x8x8x1xui8>
}

// -----

// The same for a 1x1 image: NCHW -> NHWC moves only unit dimensions.
// CHECK-LABEL: func.func @unit_image_to_reshape
// CHECK-NEXT: %[[R:.+]] = qint.reshape %arg0 : tensor<1x16x1x1xi8> -> tensor<1x1x1x16xi8>
// CHECK-NEXT: return %[[R]]
func.func @unit_image_to_reshape(%x: tensor<1x16x1x1xi8>) -> tensor<1x1x1x16xi8> {
  %a = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x16x1x1xi8> -> tensor<1x1x1x16xi8>
  return %a : tensor<1x1x1x16xi8>
}

// -----

// Two dimensions larger than 1 swap: the data moves, the transpose stays.
// CHECK-LABEL: func.func @non_unit_transpose_stays
// CHECK-NEXT: %[[T:.+]] = qint.transpose %arg0 {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x1x8xui8> -> tensor<1x1x8x3xui8>
// CHECK-NEXT: return %[[T]]
func.func @non_unit_transpose_stays(%x: tensor<1x3x1x8xui8>) -> tensor<1x1x8x3xui8> {
  %a = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x1x8xui8> -> tensor<1x1x8x3xui8>
  return %a : tensor<1x1x8x3xui8>
}

// -----

// transpose(requantize(x)) -> requantize(transpose(x)), the requantization
// unchanged; the new transpose keeps x's element type.
// CHECK-LABEL: func.func @hoist_transpose_above_requantize
// CHECK-NEXT: %[[T:.+]] = qint.transpose %arg0 {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xui8> -> tensor<1x4x5x3xui8>
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[T]] {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = -3, clamp = [-128, 127], multiplier = [1518500250], shift = [-2]>} : tensor<1x4x5x3xui8> -> tensor<1x4x5x3xi8>
// CHECK-NEXT: return %[[R]]
func.func @hoist_transpose_above_requantize(%x: tensor<1x3x4x5xui8>) -> tensor<1x4x5x3xi8> {
  %r = qint.requantize %x {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = -3, clamp = [-128, 127], multiplier = [1518500250], shift = [-2]>} : tensor<1x3x4x5xui8> -> tensor<1x3x4x5xi8>
  %t = qint.transpose %r {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xi8> -> tensor<1x4x5x3xi8>
  return %t : tensor<1x4x5x3xi8>
}

// -----

// The NHWC/NCHW pair around a requantize: hoisted, the transposes meet and
// cancel, the requantize reads the NHWC value directly.
// CHECK-LABEL: func.func @transposes_cancel_around_requantize
// CHECK-NEXT: %[[R:.+]] = qint.requantize %arg0 {input_zero_point = 0 : i32, requant = #qint.requant<single_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : tensor<1x4x5x3xi8> -> tensor<1x4x5x3xui8>
// CHECK-NEXT: return %[[R]]
func.func @transposes_cancel_around_requantize(%x: tensor<1x4x5x3xi8>) -> tensor<1x4x5x3xui8> {
  %a = qint.transpose %x {permutation = array<i64: 0, 3, 1, 2>} : tensor<1x4x5x3xi8> -> tensor<1x3x4x5xi8>
  %r = qint.requantize %a {input_zero_point = 0 : i32, requant = #qint.requant<single_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : tensor<1x3x4x5xi8> -> tensor<1x3x4x5xui8>
  %b = qint.transpose %r {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xui8> -> tensor<1x4x5x3xui8>
  return %b : tensor<1x4x5x3xui8>
}

// -----

// A requantize with another reader is not hoisted: it would be computed
// twice.
// CHECK-LABEL: func.func @no_hoist_shared_requantize
// CHECK-NEXT: %[[R:.+]] = qint.requantize %arg0 {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>} : tensor<2x3xi8> -> tensor<2x3xi8>
// CHECK-NEXT: %[[T:.+]] = qint.transpose %[[R]] {permutation = array<i64: 1, 0>} : tensor<2x3xi8> -> tensor<3x2xi8>
// CHECK-NEXT: return %[[T]], %[[R]]
func.func @no_hoist_shared_requantize(%x: tensor<2x3xi8>) -> (tensor<3x2xi8>, tensor<2x3xi8>) {
  %r = qint.requantize %x {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>} : tensor<2x3xi8> -> tensor<2x3xi8>
  %t = qint.transpose %r {permutation = array<i64: 1, 0>} : tensor<2x3xi8> -> tensor<3x2xi8>
  return %t, %r : tensor<3x2xi8>, tensor<2x3xi8>
}

// -----

// A requantize that only clamps (scale exactly 1: multiplier 2^30, shift 1;
// same zero point and type) joins its producer: the clamp becomes the
// intersection [max(10, 20), min(255, 200)].
// CHECK-LABEL: func.func @fold_clamp_into_fully_connected
// CHECK-NEXT: %[[Y:.+]] = qint.fully_connected %arg0, %arg1, %arg2 {input_zero_point = 128 : i32, requant = #qint.requant<double_round, zp = 10, clamp = [20, 200], multiplier = [1073741824, 1518500250, 2147483647], shift = [-1, -7, 0]>, weight_zero_points = array<i32: 0>} : (tensor<4x8xui8>, tensor<3x8xi8>, tensor<3xi32>) -> tensor<4x3xui8>
// CHECK-NEXT: return %[[Y]]
func.func @fold_clamp_into_fully_connected(%x: tensor<4x8xui8>, %w: tensor<3x8xi8>, %b: tensor<3xi32>) -> tensor<4x3xui8> {
  %y = qint.fully_connected %x, %w, %b {input_zero_point = 128 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 10, clamp = [10, 255], multiplier = [1073741824, 1518500250, 2147483647], shift = [-1, -7, 0]>} : (tensor<4x8xui8>, tensor<3x8xi8>, tensor<3xi32>) -> tensor<4x3xui8>
  %r = qint.requantize %y {input_zero_point = 10 : i32, requant = #qint.requant<double_round, zp = 10, clamp = [20, 200], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xui8>
  return %r : tensor<4x3xui8>
}

// -----

// A ReLU after a residual add: the clamp joins the add's; the producer keeps
// its own rounding rule, zero point and scale (single_round here, whatever
// the clamp's rule is).
// CHECK-LABEL: func.func @fold_clamp_into_add
// CHECK-NEXT: %[[A:.+]] = qint.add %arg0, %arg1 {left_shift = 20 : i32, lhs_rescale = #qint.requant<single_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>, lhs_zero_point = -12 : i32, requant = #qint.requant<single_round, zp = -12, clamp = [-12, 127], multiplier = [1431655765], shift = [-18]>, rhs_rescale = #qint.requant<single_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1431655765], shift = [-1]>, rhs_zero_point = 5 : i32} : tensor<1x4x6x6xi8>
// CHECK-NEXT: return %[[A]]
func.func @fold_clamp_into_add(%a: tensor<1x4x6x6xi8>, %b: tensor<1x4x6x6xi8>) -> tensor<1x4x6x6xi8> {
  %s = qint.add %a, %b {lhs_zero_point = -12 : i32, rhs_zero_point = 5 : i32, left_shift = 20 : i32,
      lhs_rescale = #qint.requant<single_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>,
      rhs_rescale = #qint.requant<single_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1431655765], shift = [-1]>,
      requant = #qint.requant<single_round, zp = -12, clamp = [-128, 127], multiplier = [1431655765], shift = [-18]>} : tensor<1x4x6x6xi8>
  %r = qint.requantize %s {input_zero_point = -12 : i32, requant = #qint.requant<double_round, zp = -12, clamp = [-12, 127], multiplier = [1073741824], shift = [1]>} : tensor<1x4x6x6xi8> -> tensor<1x4x6x6xi8>
  return %r : tensor<1x4x6x6xi8>
}

// -----

// The float rule's clamp-only requantize has scale 1.0; conv2d, avg_pool2d
// and requantize producers take the clamp too.
// CHECK-LABEL: func.func @fold_clamp_into_conv_pool_requantize
// CHECK-NEXT: %[[C:.+]] = qint.conv2d %arg0, %arg1 {dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 6], scale = [0.25, 0.5]>, strides = array<i64: 1, 1>, weight_zero_points = array<i32: 0>} : (tensor<1x4x4x2xui8>, tensor<2x3x3x2xi8>) -> tensor<1x2x2x2xui8>
// CHECK-NEXT: %[[P:.+]] = qint.avg_pool2d %arg0 {dilations = array<i64: 1, 1>, input_zero_point = 0 : i32, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 100], multiplier = [1073741824], shift = [-1]>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xui8> -> tensor<1x2x2x2xui8>
// CHECK-NEXT: %[[Q:.+]] = qint.requantize %arg0 {input_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-5, 5], multiplier = [1431655765], shift = [0]>} : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xi8>
// CHECK-NEXT: return %[[C]], %[[P]], %[[Q]]
func.func @fold_clamp_into_conv_pool_requantize(%x: tensor<1x4x4x2xui8>, %w: tensor<2x3x3x2xi8>) -> (tensor<1x2x2x2xui8>, tensor<1x2x2x2xui8>, tensor<1x4x4x2xi8>) {
  %c = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [0.25, 0.5]>} : (tensor<1x4x4x2xui8>, tensor<2x3x3x2xi8>) -> tensor<1x2x2x2xui8>
  %c6 = qint.requantize %c {input_zero_point = 0 : i32, requant = #qint.requant<float_half_even, zp = 0, clamp = [0, 6], scale = [1.0]>} : tensor<1x2x2x2xui8> -> tensor<1x2x2x2xui8>
  %p = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-1]>} : tensor<1x4x4x2xui8> -> tensor<1x2x2x2xui8>
  %p100 = qint.requantize %p {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 100], multiplier = [1073741824], shift = [1]>} : tensor<1x2x2x2xui8> -> tensor<1x2x2x2xui8>
  %q = qint.requantize %x {input_zero_point = 3 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1431655765], shift = [0]>} : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xi8>
  %q5 = qint.requantize %q {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [-5, 5], multiplier = [1073741824], shift = [1]>} : tensor<1x4x4x2xi8> -> tensor<1x4x4x2xi8>
  return %c6, %p100, %q5 : tensor<1x2x2x2xui8>, tensor<1x2x2x2xui8>, tensor<1x4x4x2xi8>
}

// -----

// Not when the producer has another reader: its unclamped result is needed.
// CHECK-LABEL: func.func @no_fold_clamp_two_uses
// CHECK-NEXT: %[[Y:.+]] = qint.fully_connected %arg0, %arg1 {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>, weight_zero_points = array<i32: 0>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[Y]] {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xui8>
// CHECK-NEXT: return %[[R]], %[[Y]]
func.func @no_fold_clamp_two_uses(%x: tensor<4x8xi8>, %w: tensor<3x8xi8>) -> (tensor<4x3xui8>, tensor<4x3xui8>) {
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
  %r = qint.requantize %y {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xui8>
  return %r, %y : tensor<4x3xui8>, tensor<4x3xui8>
}

// -----

// Not when the requantize changes the scale (2^30 * 2^(0 - 31) = 0.5) ...
// CHECK-LABEL: func.func @no_fold_clamp_scale
// CHECK-NEXT: %[[Y:.+]] = qint.fully_connected %arg0, %arg1 {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>, weight_zero_points = array<i32: 0>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[Y]] {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [0]>} : tensor<4x3xui8> -> tensor<4x3xui8>
// CHECK-NEXT: return %[[R]]
func.func @no_fold_clamp_scale(%x: tensor<4x8xi8>, %w: tensor<3x8xi8>) -> tensor<4x3xui8> {
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
  %r = qint.requantize %y {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [0]>} : tensor<4x3xui8> -> tensor<4x3xui8>
  return %r : tensor<4x3xui8>
}

// -----

// ... or its zero point (input 0, output 3) ...
// CHECK-LABEL: func.func @no_fold_clamp_zero_point
// CHECK-NEXT: %[[Y:.+]] = qint.fully_connected %arg0, %arg1 {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>, weight_zero_points = array<i32: 0>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[Y]] {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 3, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xui8>
// CHECK-NEXT: return %[[R]]
func.func @no_fold_clamp_zero_point(%x: tensor<4x8xi8>, %w: tensor<3x8xi8>) -> tensor<4x3xui8> {
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
  %r = qint.requantize %y {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 3, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xui8>
  return %r : tensor<4x3xui8>
}

// -----

// ... or its type (ui8 -> i8) ...
// CHECK-LABEL: func.func @no_fold_clamp_type
// CHECK-NEXT: %[[Y:.+]] = qint.fully_connected
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[Y]] {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xi8>
// CHECK-NEXT: return %[[R]]
func.func @no_fold_clamp_type(%x: tensor<4x8xi8>, %w: tensor<3x8xi8>) -> tensor<4x3xi8> {
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
  %r = qint.requantize %y {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xi8>
  return %r : tensor<4x3xi8>
}

// -----

// ... or when the clamps do not intersect ...
// CHECK-LABEL: func.func @no_fold_disjoint_clamps
// CHECK-NEXT: %[[Y:.+]] = qint.fully_connected %arg0, %arg1 {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 100], multiplier = [1073741824], shift = [0]>, weight_zero_points = array<i32: 0>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[Y]] {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [200, 255], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xui8>
// CHECK-NEXT: return %[[R]]
func.func @no_fold_disjoint_clamps(%x: tensor<4x8xi8>, %w: tensor<3x8xi8>) -> tensor<4x3xui8> {
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 100], multiplier = [1073741824], shift = [0]>} : (tensor<4x8xi8>, tensor<3x8xi8>) -> tensor<4x3xui8>
  %r = qint.requantize %y {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [200, 255], multiplier = [1073741824], shift = [1]>} : tensor<4x3xui8> -> tensor<4x3xui8>
  return %r : tensor<4x3xui8>
}

// -----

// ... or when the producer has no requantization of its own (max_pool2d,
// a function argument).
// CHECK-LABEL: func.func @no_fold_without_producer_requant
// CHECK-NEXT: %[[P:.+]] = qint.max_pool2d %arg0
// CHECK-NEXT: %[[R:.+]] = qint.requantize %[[P]] {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<1x2x2x2xui8> -> tensor<1x2x2x2xui8>
// CHECK-NEXT: %[[S:.+]] = qint.requantize %arg0 {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xui8>
// CHECK-NEXT: return %[[R]], %[[S]]
func.func @no_fold_without_producer_requant(%x: tensor<1x4x4x2xui8>) -> (tensor<1x2x2x2xui8>, tensor<1x4x4x2xui8>) {
  %p = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x4x4x2xui8> -> tensor<1x2x2x2xui8>
  %r = qint.requantize %p {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<1x2x2x2xui8> -> tensor<1x2x2x2xui8>
  %s = qint.requantize %x {input_zero_point = 0 : i32, requant = #qint.requant<double_round, zp = 0, clamp = [0, 6], multiplier = [1073741824], shift = [1]>} : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xui8>
  return %r, %s : tensor<1x2x2x2xui8>, tensor<1x4x4x2xui8>
}

// -----

// A reshape to its own type is its input.
// CHECK-LABEL: func.func @reshape_same_type
// CHECK-NEXT: return %arg0 : tensor<2x3xui8>
func.func @reshape_same_type(%x: tensor<2x3xui8>) -> tensor<2x3xui8> {
  %r = qint.reshape %x : tensor<2x3xui8> -> tensor<2x3xui8>
  return %r : tensor<2x3xui8>
}

// -----

// A reshape of a reshape reads the original input ...
// CHECK-LABEL: func.func @reshape_of_reshape
// CHECK-NEXT: %[[R:.+]] = qint.reshape %arg0 : tensor<2x3x4xi8> -> tensor<4x6xi8>
// CHECK-NEXT: return %[[R]]
func.func @reshape_of_reshape(%x: tensor<2x3x4xi8>) -> tensor<4x6xi8> {
  %a = qint.reshape %x : tensor<2x3x4xi8> -> tensor<24xi8>
  %b = qint.reshape %a : tensor<24xi8> -> tensor<4x6xi8>
  return %b : tensor<4x6xi8>
}

// -----

// ... and one back to the original shape disappears.
// CHECK-LABEL: func.func @reshape_round_trip
// CHECK-NEXT: return %arg0 : tensor<2x3x4xi32>
func.func @reshape_round_trip(%x: tensor<2x3x4xi32>) -> tensor<2x3x4xi32> {
  %a = qint.reshape %x : tensor<2x3x4xi32> -> tensor<6x4xi32>
  %b = qint.reshape %a : tensor<6x4xi32> -> tensor<2x3x4xi32>
  return %b : tensor<2x3x4xi32>
}

// -----

// The inner reshape keeps its other reader.
// CHECK-LABEL: func.func @reshape_of_shared_reshape
// CHECK-NEXT: %[[A:.+]] = qint.reshape %arg0 : tensor<2x3xi8> -> tensor<6xi8>
// CHECK-NEXT: %[[B:.+]] = qint.reshape %arg0 : tensor<2x3xi8> -> tensor<3x2xi8>
// CHECK-NEXT: return %[[B]], %[[A]]
func.func @reshape_of_shared_reshape(%x: tensor<2x3xi8>) -> (tensor<3x2xi8>, tensor<6xi8>) {
  %a = qint.reshape %x : tensor<2x3xi8> -> tensor<6xi8>
  %b = qint.reshape %a : tensor<6xi8> -> tensor<3x2xi8>
  return %b, %a : tensor<3x2xi8>, tensor<6xi8>
}

// -----

// A storage cast back to where it came from folds away, from either side.
// CHECK-LABEL: func.func @storage_cast_round_trips
// CHECK-NEXT: return %arg0, %arg1 : tensor<4xui8>, tensor<4x!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01,1.250000e-01,6.250000e-02}>>
func.func @storage_cast_round_trips(%x: tensor<4xui8>, %q: tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 0.0625}>>) -> (tensor<4xui8>, tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 0.0625}>>) {
  %a = qint.storage_cast %x : tensor<4xui8> to tensor<4x!quant.uniform<u8:f32, 0.5:3>>
  %b = qint.storage_cast %a : tensor<4x!quant.uniform<u8:f32, 0.5:3>> to tensor<4xui8>
  %c = qint.storage_cast %q : tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 0.0625}>> to tensor<4xi8>
  %d = qint.storage_cast %c : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 0.0625}>>
  return %b, %d : tensor<4xui8>, tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 0.0625}>>
}

// -----

// A cast to another quantization of the same storage is a change of type,
// not a round trip: both casts stay.
// CHECK-LABEL: func.func @storage_cast_requantizes
// CHECK-NEXT: %[[I:.+]] = qint.storage_cast %arg0 : tensor<4x!quant.uniform<i8:f32, 5.000000e-01>> to tensor<4xi8>
// CHECK-NEXT: %[[Q:.+]] = qint.storage_cast %[[I]] : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK-NEXT: return %[[Q]]
func.func @storage_cast_requantizes(%q: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %i = qint.storage_cast %q : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<4xi8>
  %r = qint.storage_cast %i : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Constants fold (ConstantLike): equal ones are uniqued at the top of the
// function, unused ones are dropped.
// CHECK-LABEL: func.func @constants_unique
// CHECK-NEXT: %[[C:.+]] = qint.constant dense<[1, -2, 3]> : tensor<3xi32>
// CHECK-NEXT: return %[[C]], %[[C]]
func.func @constants_unique() -> (tensor<3xi32>, tensor<3xi32>) {
  %a = qint.constant dense<[1, -2, 3]> : tensor<3xi32>
  %unused = qint.constant dense<7> : tensor<2xui8>
  %b = qint.constant dense<[1, -2, 3]> : tensor<3xi32>
  return %a, %b : tensor<3xi32>, tensor<3xi32>
}
