// RUN: qcc-opt %s -split-input-file -verify-diagnostics
// Every error a qint verifier or attribute gives.

// A storage cast reinterprets; it never reshapes.
func.func @cast_shape(%q: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{'qint.storage_cast' op changes the shape: 'tensor<4x!quant.uniform<i8:f32, 5.000000e-01>>' to 'tensor<5xi8>'}}
  %i = qint.storage_cast %q : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<5xi8>
  return
}

// -----

// It bridges qgraph and qint: exactly one side is quantized.
func.func @cast_between_integers(%i: tensor<4xi8>) {
  // expected-error @+1 {{'qint.storage_cast' op must cast between a quantized and an integer tensor}}
  %j = qint.storage_cast %i : tensor<4xi8> to tensor<4xi8>
  return
}

// -----

// Signedness is part of the storage: u8 is stored as ui8.
func.func @cast_signedness(%q: tensor<4x!quant.uniform<u8:f32, 0.5:3>>) {
  // expected-error @+1 {{'qint.storage_cast' op the storage of '!quant.uniform<u8:f32, 5.000000e-01:3>' is 'ui8', not 'i8'}}
  %i = qint.storage_cast %q : tensor<4x!quant.uniform<u8:f32, 0.5:3>> to tensor<4xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @fc_rank(%x: tensor<2x2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op expects input [..., K], weight [N, K] and result [..., N]}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @fc_k(%x: tensor<2x4xi8>, %w: tensor<3x5xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op weight 'tensor<3x5xi8>' does not have K = 4 columns of input 'tensor<2x4xi8>'}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x5xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @fc_result(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op result 'tensor<3x2xi8>' is not the input's rows by N = 3}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<3x2xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @fc_bias(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>, %b: tensor<2xi32>) {
  // expected-error @+1 {{'qint.fully_connected' op bias 'tensor<2xi32>' is not [3]}}
  %y = qint.fully_connected %x, %w, %b {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>, tensor<2xi32>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

// The input zero point is a value of the input's type.
func.func @fc_input_zero_point(%x: tensor<2x4xui8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op input zero point -1 is outside 'ui8' range [0, 255]}}
  %y = qint.fully_connected %x, %w {input_zero_point = -1 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xui8>, tensor<3x4xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

// One weight zero point, or one per output channel.
func.func @fc_weight_zero_point_count(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op has 2 weight zero points for 3 output channels}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0, 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @fc_weight_zero_point_range(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op weight zero point 128 is outside 'i8' range [-128, 127]}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 128>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824, 1073741824], shift = [0, 0]>

// One requantization, or one per output channel.
func.func @fc_requant_channels(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op requant has 2 channels for 3 output channels}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 200, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

// The output zero point is a value of the output's type.
func.func @fc_output_zero_point(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op output zero point 200 is outside 'i8' range [-128, 127]}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

// The clamp keeps results inside the output type.
func.func @fc_clamp(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op clamp [-128, 127] exceeds 'ui8' range [0, 255]}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xui8>
  return
}

// -----

// A multiplier is a Q31 mantissa: normalized, so that every kernel can rely
// on its range.
// expected-error @+1 {{requant multiplier 5 is not a Q31 mantissa in [2^30, 2^31)}}
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [5], shift = [0]>

// -----

// Shifts stay within what both integer rules define.
// expected-error @+1 {{requant shift 31 is outside [-31, 30]}}
#rq = #qint.requant<single_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [31]>

// -----

// expected-error @+1 {{requant clamp [10, 5] is empty}}
#rq = #qint.requant<double_round, zp = 0, clamp = [10, 5], multiplier = [1073741824], shift = [0]>

// -----

// Integer rules carry multiplier and shift, the float rule carries scales.
// expected-error @+1 {{float_half_even requant takes scales only}}
#rq = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

// -----

// expected-error @+1 {{integer requant takes as many multipliers as shifts, and no scales}}
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824, 1073741824], shift = [0]>

// -----

// expected-error @+1 {{requant scale 0.000000e+00 is not positive and finite}}
#rq = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [0.0]>

// -----

// expected-error @+1 {{unknown rounding rule 'half_up'}}
#rq = #qint.requant<half_up, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

// -----

// expected-error @+1 {{unknown requant field 'scales'}}
#rq = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scales = [0.5]>
