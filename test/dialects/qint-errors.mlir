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

// -----

// The custom constant syntax takes an elements attribute ...
func.func @constant_not_elements() {
  // The parser reports it where it stands after the attribute: the next line.
  // expected-error @+2 {{expected an elements attribute}}
  %c = qint.constant 3 : i32
  return
}

// -----

// ... whose type is the result's (only the generic form can differ).
func.func @constant_type() {
  // expected-error @+1 {{'qint.constant' op value type 'tensor<2xi8>' differs from result type 'tensor<2xui8>'}}
  %c = "qint.constant"() {value = dense<[1, 2]> : tensor<2xi8>} : () -> tensor<2xui8>
  return
}

// -----

// Two quantized tensors are not a storage cast either.
func.func @cast_between_quantized(%q: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{'qint.storage_cast' op must cast between a quantized and an integer tensor}}
  %r = qint.storage_cast %q : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// The storage width counts too: an i32-stored type is not i8 (integer to
// quantized direction).
func.func @cast_width(%i: tensor<4xi8>) {
  // expected-error @+1 {{'qint.storage_cast' op the storage of '!quant.uniform<i32:f32, 5.000000e-01>' is 'i32', not 'i8'}}
  %q = qint.storage_cast %i : tensor<4xi8> to tensor<4x!quant.uniform<i32:f32, 0.5>>
  return
}

// -----

// Without requant, fully_connected returns its int32 accumulator ...
func.func @fc_accumulator_type(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op without requant the result is the int32 accumulator, not 'i8'}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

// ... and with one, an 8-bit value.
func.func @fc_requant_type(%x: tensor<2x4xi8>, %w: tensor<3x4xi8>) {
  // expected-error @+1 {{'qint.fully_connected' op with requant the result is 8-bit, not 'i32'}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<2x4xi8>, tensor<3x4xi8>) -> tensor<2x3xi32>
  return
}

// -----

// conv2d: NHWC input, OHWI weight.
func.func @conv_rank(%x: tensor<8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op expects input [N, H, W, C] and weight [O, KH, KW, C / groups]}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_groups(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x1xi8>) {
  // expected-error @+1 {{'qint.conv2d' op groups 4 do not divide 4 input and 6 output channels}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 4 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x1xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_weight_channels(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op weight 'tensor<6x3x3x4xi8>' does not have C / groups = 2 input channels}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 2 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>, %b: tensor<6x1xi32>) {
  // expected-error @+1 {{'qint.conv2d' op bias 'tensor<6x1xi32>' is not [6]}}
  %y = qint.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>, tensor<6x1xi32>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_window_arity(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op expects 2 kernel sizes, 2 strides, 2 dilations and 4 pads [top, left, bottom, right]}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_zero_dilation(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op kernel, strides and dilations must be positive}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 0, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_pad(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op pad 3 is negative or not smaller than the window (3)}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 3>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x9x6xi32>
  return
}

// -----

func.func @conv_result_rank(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op expects NHWC tensors of rank 4}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<36x6xi32>
  return
}

// -----

func.func @conv_window_too_large(%x: tensor<1x2x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op window does not fit in the input 'tensor<1x2x8x4xi8>'}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x2x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x1x6x6xi32>
  return
}

// -----

// The output channels come last in NHWC.
func.func @conv_result(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op result 'tensor<1x6x6x6xi32>' is not [1, 3, 6, 6]}}
  %y = qint.conv2d %x, %w {strides = array<i64: 2, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_input_zero_point(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op input zero point 128 is outside 'i8' range [-128, 127]}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 128 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_weight_zero_points(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op has 3 weight zero points for 6 output channels}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0, 0, 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

// Unsigned weights have their own range.
func.func @conv_weight_zero_point_range(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xui8>) {
  // expected-error @+1 {{'qint.conv2d' op weight zero point -1 is outside 'ui8' range [0, 255]}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: -1>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xui8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

func.func @conv_accumulator_type(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op without requant the result is the int32 accumulator, not 'ui8'}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @conv_requant_type(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op with requant the result is 8-bit, not 'i32'}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xi32>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824, 1073741824, 1073741824], shift = [0, 0, 0]>

func.func @conv_requant_channels(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op requant has 3 channels for 6 output channels}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = -1, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @conv_output_zero_point(%x: tensor<1x8x8x4xi8>, %w: tensor<6x3x3x4xi8>) {
  // expected-error @+1 {{'qint.conv2d' op output zero point -1 is outside 'ui8' range [0, 255]}}
  %y = qint.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #rq} : (tensor<1x8x8x4xi8>, tensor<6x3x3x4xi8>) -> tensor<1x6x6x6xui8>
  return
}

// -----

// Pools: window checks, NHWC, the element type kept.
func.func @max_pool_window_arity(%x: tensor<1x8x8x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op expects 2 kernel sizes, 2 strides, 2 dilations and 4 pads [top, left, bottom, right]}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0, 0>} : tensor<1x8x8x3xi8> -> tensor<1x4x4x3xi8>
  return
}

// -----

func.func @max_pool_zero_stride(%x: tensor<1x8x8x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op kernel, strides and dilations must be positive}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 0, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x3xi8> -> tensor<1x4x4x3xi8>
  return
}

// -----

func.func @max_pool_pad(%x: tensor<1x8x8x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op pad -1 is negative or not smaller than the window (2)}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, -1, 0>} : tensor<1x8x8x3xi8> -> tensor<1x4x4x3xi8>
  return
}

// -----

func.func @max_pool_rank(%x: tensor<8x8x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op expects NHWC tensors of rank 4}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<8x8x3xi8> -> tensor<4x4x3xi8>
  return
}

// -----

func.func @max_pool_result_rank(%x: tensor<1x8x8x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op expects NHWC tensors of rank 4}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x3xi8> -> tensor<4x4x3xi8>
  return
}

// -----

// Max pooling compares stored values: it cannot change their type.
func.func @max_pool_element_type(%x: tensor<1x8x8x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op changes the element type}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x3xi8> -> tensor<1x4x4x3xui8>
  return
}

// -----

func.func @max_pool_too_small(%x: tensor<1x8x1x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op window does not fit in the input 'tensor<1x8x1x3xi8>'}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x8x1x3xi8> -> tensor<1x4x1x3xi8>
  return
}

// -----

// With ceil_mode a window starting in the trailing padding is dropped:
// 7 columns, kernel 2, stride 2, pads 1 and 1 give 4 windows, not 5.
func.func @max_pool_ceil_result(%x: tensor<1x7x7x3xi8>) {
  // expected-error @+1 {{'qint.max_pool2d' op result 'tensor<1x7x5x3xi8>' is not [1, 7, 4, 3]}}
  %y = qint.max_pool2d %x {kernel = array<i64: 1, 2>, strides = array<i64: 1, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 1, 0, 1>, ceil_mode} : tensor<1x7x7x3xi8> -> tensor<1x7x5x3xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @avg_pool_rank(%x: tensor<1x8x8x3x1xui8>) {
  // expected-error @+1 {{'qint.avg_pool2d' op expects NHWC tensors of rank 4}}
  %y = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 0 : i32, requant = #rq} : tensor<1x8x8x3x1xui8> -> tensor<1x4x4x3xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @avg_pool_element_type(%x: tensor<1x8x8x3xi8>) {
  // expected-error @+1 {{'qint.avg_pool2d' op changes the element type}}
  %y = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 0 : i32, requant = #rq} : tensor<1x8x8x3xi8> -> tensor<1x4x4x3xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @avg_pool_channels(%x: tensor<1x8x8x3xui8>) {
  // expected-error @+1 {{'qint.avg_pool2d' op result 'tensor<1x4x4x4xui8>' is not [1, 4, 4, 3]}}
  %y = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 0 : i32, requant = #rq} : tensor<1x8x8x3xui8> -> tensor<1x4x4x4xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @avg_pool_input_zero_point(%x: tensor<1x8x8x3xui8>) {
  // expected-error @+1 {{'qint.avg_pool2d' op input zero point 256 is outside 'ui8' range [0, 255]}}
  %y = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 256 : i32, requant = #rq} : tensor<1x8x8x3xui8> -> tensor<1x4x4x3xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824, 1073741824], shift = [0, 0]>

// One requant channel, or one per divisor 1..window (here 4).
func.func @avg_pool_divisors(%x: tensor<1x8x8x3xui8>) {
  // expected-error @+1 {{'qint.avg_pool2d' op requant has 2 channels: needs 1, or one per divisor (4)}}
  %y = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 0 : i32, requant = #rq} : tensor<1x8x8x3xui8> -> tensor<1x4x4x3xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @avg_pool_clamp(%x: tensor<1x8x8x3xi8>) {
  // expected-error @+1 {{'qint.avg_pool2d' op clamp [0, 255] exceeds 'i8' range [-128, 127]}}
  %y = qint.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, input_zero_point = 0 : i32, requant = #rq} : tensor<1x8x8x3xi8> -> tensor<1x4x4x3xi8>
  return
}

// -----

#id = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-18]>

// add: each input zero point is a value of the tensor type.
func.func @add_lhs_zero_point(%a: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op lhs zero point -3 is outside 'ui8' range [0, 255]}}
  %y = qint.add %a, %a {lhs_zero_point = -3 : i32, rhs_zero_point = 0 : i32, left_shift = 20 : i32, lhs_rescale = #id, rhs_rescale = #id, requant = #rq} : tensor<4xui8>
  return
}

// -----

#id = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-18]>

func.func @add_rhs_zero_point(%a: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op rhs zero point 300 is outside 'ui8' range [0, 255]}}
  %y = qint.add %a, %a {lhs_zero_point = 0 : i32, rhs_zero_point = 300 : i32, left_shift = 20 : i32, lhs_rescale = #id, rhs_rescale = #id, requant = #rq} : tensor<4xui8>
  return
}

// -----

#id = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-18]>

// Shifted 8-bit differences need headroom to add in int32.
func.func @add_left_shift(%a: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op left shift 23 is negative or leaves no headroom in int32}}
  %y = qint.add %a, %a {lhs_zero_point = 0 : i32, rhs_zero_point = 0 : i32, left_shift = 23 : i32, lhs_rescale = #id, rhs_rescale = #id, requant = #rq} : tensor<4xui8>
  return
}

// -----

#id = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>
#fl = #qint.requant<float_half_even, zp = 0, clamp = [-2147483648, 2147483647], scale = [0.5]>
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-18]>

// The input rescales follow the output's rule.
func.func @add_mixed_rules(%a: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op input rescales must use the output's rounding rule with one channel}}
  %y = qint.add %a, %a {lhs_zero_point = 0 : i32, rhs_zero_point = 0 : i32, left_shift = 20 : i32, lhs_rescale = #id, rhs_rescale = #fl, requant = #rq} : tensor<4xui8>
  return
}

// -----

#id = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>
#two = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824, 1073741824], shift = [0, 0]>
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-18]>

func.func @add_rescale_channels(%a: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op input rescales must use the output's rounding rule with one channel}}
  %y = qint.add %a, %a {lhs_zero_point = 0 : i32, rhs_zero_point = 0 : i32, left_shift = 20 : i32, lhs_rescale = #two, rhs_rescale = #id, requant = #rq} : tensor<4xui8>
  return
}

// -----

#id = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824, 1073741824], shift = [-18, -18]>

// add is per tensor.
func.func @add_requant_channels(%a: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op requant has 2 channels for 1 output channels}}
  %y = qint.add %a, %a {lhs_zero_point = 0 : i32, rhs_zero_point = 0 : i32, left_shift = 20 : i32, lhs_rescale = #id, rhs_rescale = #id, requant = #rq} : tensor<4xui8>
  return
}

// -----

#id = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>
#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [-18]>

func.func @add_clamp(%a: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op clamp [-128, 127] exceeds 'ui8' range [0, 255]}}
  %y = qint.add %a, %a {lhs_zero_point = 0 : i32, rhs_zero_point = 0 : i32, left_shift = 20 : i32, lhs_rescale = #id, rhs_rescale = #id, requant = #rq} : tensor<4xui8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

// requantize is elementwise.
func.func @requantize_shape(%x: tensor<4x8xui8>) {
  // expected-error @+1 {{'qint.requantize' op changes the shape: 'tensor<4x8xui8>' to 'tensor<32xi8>'}}
  %y = qint.requantize %x {input_zero_point = 0 : i32, requant = #rq} : tensor<4x8xui8> -> tensor<32xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @requantize_input_zero_point(%x: tensor<4x8xi8>) {
  // expected-error @+1 {{'qint.requantize' op input zero point 200 is outside 'i8' range [-128, 127]}}
  %y = qint.requantize %x {input_zero_point = 200 : i32, requant = #rq} : tensor<4x8xi8> -> tensor<4x8xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824, 1073741824], shift = [0, 0]>

// requantize is per tensor.
func.func @requantize_channels(%x: tensor<4x2xi8>) {
  // expected-error @+1 {{'qint.requantize' op requant has 2 channels for 1 output channels}}
  %y = qint.requantize %x {input_zero_point = 0 : i32, requant = #rq} : tensor<4x2xi8> -> tensor<4x2xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 128, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

func.func @requantize_output_zero_point(%x: tensor<4xui8>) {
  // expected-error @+1 {{'qint.requantize' op output zero point 128 is outside 'i8' range [-128, 127]}}
  %y = qint.requantize %x {input_zero_point = 0 : i32, requant = #rq} : tensor<4xui8> -> tensor<4xi8>
  return
}

// -----

// concat: the axis is one of the result's.
func.func @concat_axis(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.concat' op axis 2 is outside rank 2}}
  %y = qint.concat %a, %a {axis = 2 : i64} : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x3xi8>, %b: tensor<2x3x1xi8>) {
  // expected-error @+1 {{'qint.concat' op input 'tensor<2x3x1xi8>' does not have rank 2}}
  %y = qint.concat %a, %b {axis = 1 : i64} : (tensor<2x3xi8>, tensor<2x3x1xi8>) -> tensor<2x6xi8>
  return
}

// -----

func.func @concat_other_dims(%a: tensor<2x3xi8>, %b: tensor<1x3xi8>) {
  // expected-error @+1 {{'qint.concat' op input 'tensor<1x3xi8>' differs from the result 'tensor<2x6xi8>' outside the axis}}
  %y = qint.concat %a, %b {axis = 1 : i64} : (tensor<2x3xi8>, tensor<1x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

func.func @concat_sum(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.concat' op inputs add up to 6 along axis 1, the result has 5}}
  %y = qint.concat %a, %a {axis = 1 : i64} : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x5xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @concat_requants_without_zero_points(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.concat' op requants and input_zero_points go together}}
  %y = qint.concat %a, %a {axis = 1 : i64, requants = [#rq, #rq]} : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

func.func @concat_zero_points_without_requants(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.concat' op requants and input_zero_points go together}}
  %y = qint.concat %a, %a {axis = 1 : i64, input_zero_points = array<i32: 0, 0>} : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

// Without requants the values are copied: one type throughout.
func.func @concat_copy_types(%a: tensor<2x3xi8>, %b: tensor<2x3xui8>) {
  // expected-error @+1 {{'qint.concat' op copies inputs of another type than the result's}}
  %y = qint.concat %a, %b {axis = 1 : i64} : (tensor<2x3xi8>, tensor<2x3xui8>) -> tensor<2x6xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @concat_requant_count(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.concat' op needs one requant and one zero point per input}}
  %y = qint.concat %a, %a {axis = 1 : i64, input_zero_points = array<i32: 0, 0>, requants = [#rq]} : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

func.func @concat_zero_point_count(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.concat' op needs one requant and one zero point per input}}
  %y = qint.concat %a, %a {axis = 1 : i64, input_zero_points = array<i32: 0>, requants = [#rq, #rq]} : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>

// Each input's zero point is a value of that input's type.
func.func @concat_input_zero_point(%a: tensor<2x3xi8>, %b: tensor<2x3xui8>) {
  // expected-error @+1 {{'qint.concat' op input zero point 255 is outside 'i8' range [-128, 127]}}
  %y = qint.concat %b, %a {axis = 1 : i64, input_zero_points = array<i32: 255, 255>, requants = [#rq, #rq]} : (tensor<2x3xui8>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

#rq = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>
#u8 = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>

// Each requant fits the result type.
func.func @concat_requant_clamp(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.concat' op clamp [0, 255] exceeds 'i8' range [-128, 127]}}
  %y = qint.concat %a, %a {axis = 1 : i64, input_zero_points = array<i32: 0, 0>, requants = [#rq, #u8]} : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x6xi8>
  return
}

// -----

func.func @reshape_element_type(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.reshape' op changes the element type}}
  %y = qint.reshape %a : tensor<2x3xi8> -> tensor<6xui8>
  return
}

// -----

func.func @reshape_count(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.reshape' op reshapes 6 elements into 5}}
  %y = qint.reshape %a : tensor<2x3xi8> -> tensor<5xi8>
  return
}

// -----

func.func @transpose_entries(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.transpose' op permutation has 1 entries for rank 2}}
  %y = qint.transpose %a {permutation = array<i64: 0>} : tensor<2x3xi8> -> tensor<2x3xi8>
  return
}

// -----

func.func @transpose_repeats(%a: tensor<2x2xi8>) {
  // expected-error @+1 {{'qint.transpose' op is not a permutation of [0, 2)}}
  %y = qint.transpose %a {permutation = array<i64: 0, 0>} : tensor<2x2xi8> -> tensor<2x2xi8>
  return
}

// -----

func.func @transpose_negative(%a: tensor<2x2xi8>) {
  // expected-error @+1 {{'qint.transpose' op is not a permutation of [0, 2)}}
  %y = qint.transpose %a {permutation = array<i64: -1, 0>} : tensor<2x2xi8> -> tensor<2x2xi8>
  return
}

// -----

func.func @transpose_result(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.transpose' op result 'tensor<2x3xi8>' is not the permutation of 'tensor<2x3xi8>'}}
  %y = qint.transpose %a {permutation = array<i64: 1, 0>} : tensor<2x3xi8> -> tensor<2x3xi8>
  return
}

// -----

func.func @transpose_element_type(%a: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.transpose' op changes the element type}}
  %y = qint.transpose %a {permutation = array<i64: 1, 0>} : tensor<2x3xi8> -> tensor<3x2xi32>
  return
}

// -----

// dynamic_fully_connected: float input [..., K], int8 weight [N, K].
func.func @dynamic_fc_rank(%x: tensor<10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op expects input [..., K], weight [N, K] and result [..., N]}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<10xf32>, tensor<5x10xi8>) -> tensor<5xf32>
  return
}

// -----

func.func @dynamic_fc_k(%x: tensor<4x10xf32>, %w: tensor<5x9xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op shapes 'tensor<4x10xf32>' x 'tensor<5x9xi8>'^T -> 'tensor<4x5xf32>' do not match}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x9xi8>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_result(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op shapes 'tensor<4x10xf32>' x 'tensor<5x10xi8>'^T -> 'tensor<4x6xf32>' do not match}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x6xf32>
  return
}

// -----

func.func @dynamic_fc_bias(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op bias 'tensor<4xf32>' is not [5]}}
  %y = qint.dynamic_fully_connected %x, %w, %b {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>, tensor<4xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_weight_zero_points(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op has 2 weight zero points for 5 output channels}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0, 0>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_weight_zero_point_range(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op weight zero point -129 is outside 'i8' range [-128, 127]}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: -129>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_weight_scales(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op has 3 weight scales for 5 output channels}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5, 0.5, 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_weight_scale_sign(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op weight scale -5.000000e-01 is not positive and finite}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: -0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_weight_scale_inf(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op weight scale INF is not positive and finite}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0x7F800000>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

// The input is quantized to uint8 storage: [qmin, qmax] non-empty inside it.
func.func @dynamic_fc_range(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op range [0, 255] must be non-empty and inside the uint8 storage range [0, 127]}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 127 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_empty_range(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op range [10, 5] must be non-empty and inside the uint8 storage range [0, 255]}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5>, qmin = 10 : i32, qmax = 5 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_fc_fallback(%x: tensor<4x10xf32>, %w: tensor<5x10xi8>) {
  // expected-error @+1 {{'qint.dynamic_fully_connected' op fallback scale must be positive}}
  %y = qint.dynamic_fully_connected %x, %w {weight_zero_points = array<i32: 0>, weight_scales = array<f32: 0.5>, qmin = 0 : i32, qmax = 255 : i32, storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = -1.0 : f32} : (tensor<4x10xf32>, tensor<5x10xi8>) -> tensor<4x5xf32>
  return
}

// -----

// An empty scale list is no float rule either.
// expected-error @+1 {{float_half_even requant takes scales only}}
#rq = #qint.requant<float_half_even, zp = 0, clamp = [0, 255]>

// -----

// expected-error @+1 {{integer requant takes as many multipliers as shifts, and no scales}}
#rq = #qint.requant<single_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0], scale = [0.5]>

// -----

// A scale beyond float32 rounds to infinity, which is no scale.
// expected-error @+1 {{requant scale INF is not positive and finite}}
#rq = #qint.requant<float_half_even, zp = 0, clamp = [0, 255], scale = [3.5e38]>

// -----

// Negative shifts have a floor too.
// expected-error @+1 {{requant shift -32 is outside [-31, 30]}}
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [-32]>

// -----

// A negative multiplier is not a mantissa.
// expected-error @+1 {{requant multiplier -1073741824 is not a Q31 mantissa in [2^30, 2^31)}}
#rq = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [-1073741824], shift = [0]>

// -----

// A negative left shift reads as negative.
func.func @add_negative_left_shift(%a: tensor<4xui8>, %b: tensor<4xui8>) {
  // expected-error @+1 {{'qint.add' op left shift -1 is negative or leaves no headroom in int32}}
  %y = qint.add %a, %b {left_shift = -1 : i32, lhs_zero_point = 0 : i32, rhs_zero_point = 0 : i32, lhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>, rhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647], multiplier = [1073741824], shift = [0]>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : tensor<4xui8>
  return
}

// -----

// A storage cast checks the quantized type as every op does: zero point in
// range.
func.func @storage_cast_bad_zero_point(%x: tensor<4xi8>) {
  // expected-error @+1 {{'qint.storage_cast' op result has zero point 300 outside its storage range [-128, 127]}}
  %y = qint.storage_cast %x : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 0.5:300>>
  return
}

// -----

// ... and per-axis scales that match the axis.
func.func @storage_cast_bad_axis(%x: tensor<3xi8>) {
  // expected-error @+1 {{'qint.storage_cast' op}}
  %y = qint.storage_cast %x : tensor<3xi8> to tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  return
}

// -----

// A transpose must keep the rank.
func.func @transpose_rank(%x: tensor<2x3xi8>) {
  // expected-error @+1 {{'qint.transpose' op result 'tensor<3x2x1xi8>' does not have the rank of 'tensor<2x3xi8>'}}
  %y = qint.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xi8> -> tensor<3x2x1xi8>
  return
}

// -----

// Dilation 3 over 2 rows padded by 1: the window reads only padding.
func.func @pool_window_in_padding(%x: tensor<1x2x1x1xui8>) {
  // expected-error @+1 {{'qint.max_pool2d' op a window falls entirely in the padding (rows): nothing to pool}}
  %y = qint.max_pool2d %x {kernel = array<i64: 2, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 3, 1>, pads = array<i64: 1, 0, 1, 0>} : tensor<1x2x1x1xui8> -> tensor<1x1x1x1xui8>
  return
}
