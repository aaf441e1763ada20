// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fold-weight-quantization))" --split-input-file | FileCheck %s
// RUN: qcc-opt %s --pass-pipeline="builtin.module(func.func(qcc-fold-weight-quantization))" --split-input-file | qcc-opt --split-input-file | FileCheck %s

// Quantizing a constant is done at compile time with the ONNX rule:
// 0.5/0.125 = 4; -0.25/0.125 = -2; ties go to even: 0.1875/0.125 = 1.5 -> 2,
// 0.3125/0.125 = 2.5 -> 2, -0.0625/0.125 = -0.5 -> 0; 100 saturates to 127
// and -100 to -128.
// CHECK-LABEL: func.func @per_tensor
// CHECK-NEXT: %[[W:.+]] = qgraph.constant dense<{{\[\[}}4, -2, 2, 2, 0, 127, -128]]> : tensor<1x7xi8> -> tensor<1x7x!quant.uniform<i8:f32, 1.250000e-01>>
// CHECK-NEXT: %[[D:.+]] = qgraph.dequantize %[[W]]
// CHECK-NEXT: return %[[D]]
func.func @per_tensor() -> tensor<1x7xf32> {
  %w = qgraph.constant dense<[[0.5, -0.25, 0.1875, 0.3125, -0.0625, 100.0, -100.0]]> : tensor<1x7xf32>
  %q = qgraph.quantize %w : tensor<1x7xf32> -> tensor<1x7x!quant.uniform<i8:f32, 0.125>>
  %d = qgraph.dequantize %q : tensor<1x7x!quant.uniform<i8:f32, 0.125>> -> tensor<1x7xf32>
  return %d : tensor<1x7xf32>
}

// -----

// Per axis 0: row 0 at scale 0.5, row 1 at scale 0.25 with zero point 3;
// the narrow range [-127, 127] saturates -100 to -127.
// CHECK-LABEL: func.func @per_axis0
// CHECK: qgraph.constant dense<{{\[\[}}2, -1, -127], [7, -1, 127]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01:3}>>
func.func @per_axis0() -> tensor<2x3xf32> {
  %w = qgraph.constant dense<[[1.0, -0.5, -100.0], [1.0, -1.0, 100.0]]> : tensor<2x3xf32>
  %q = qgraph.quantize %w : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25:3}>>
  %d = qgraph.dequantize %q : tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25:3}>> -> tensor<2x3xf32>
  return %d : tensor<2x3xf32>
}

// -----

// Per axis 1: column c uses scale c; unsigned storage holds ui8 values.
// CHECK-LABEL: func.func @per_axis1_unsigned
// CHECK: qgraph.constant dense<{{\[\[}}12, 11], [14, 255]]> : tensor<2x2xui8> -> tensor<2x2x!quant.uniform<u8:f32:1, {1.000000e+00:10,2.000000e+00:10}>>
func.func @per_axis1_unsigned() -> tensor<2x2xf32> {
  %w = qgraph.constant dense<[[2.0, 2.0], [4.0, 1000.0]]> : tensor<2x2xf32>
  %q = qgraph.quantize %w : tensor<2x2xf32> -> tensor<2x2x!quant.uniform<u8:f32:1, {1.0:10, 2.0:10}>>
  %d = qgraph.dequantize %q : tensor<2x2x!quant.uniform<u8:f32:1, {1.0:10, 2.0:10}>> -> tensor<2x2xf32>
  return %d : tensor<2x2xf32>
}

// -----

// A float bias next to a dequantized input (scale 0.5) and a per-tensor
// weight (scale 0.25) becomes int32 at scale 0.125: 1.0 -> 8, -0.3 -> -2.4
// -> -2, 0.0625 -> 0.5 -> 0 (half to even).
// CHECK-LABEL: func.func @bias_per_tensor
// CHECK: %[[B:.+]] = qgraph.constant dense<[8, -2, 0]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK: %[[BD:.+]] = qgraph.dequantize %[[B]] : tensor<3x!quant.uniform<i32:f32, 1.250000e-01>> -> tensor<3xf32>
// CHECK: qgraph.linear %{{.+}}, %{{.+}}, %[[BD]]
func.func @bias_per_tensor(%x: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3xf32> {
  %xd = qgraph.dequantize %x : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wd = qgraph.dequantize %w : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %b = qgraph.constant dense<[1.0, -0.3, 0.0625]> : tensor<3xf32>
  %y = qgraph.linear %xd, %wd, %b : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// With per-channel weights the bias is per channel too: scales 0.5 * {0.5, 0.25}.
// CHECK-LABEL: func.func @bias_per_channel
// CHECK: qgraph.constant dense<[4, -8]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {2.500000e-01,1.250000e-01}>>
func.func @bias_per_channel(%x: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>, %w: tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) -> tensor<2x2xf32> {
  %xd = qgraph.dequantize %x : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wd = qgraph.dequantize %w : tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<2x4xf32>
  %b = qgraph.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %y = qgraph.linear %xd, %wd, %b : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// Not folded: a quantize of a run-time value, and a bias whose input scale is
// unknown (the input is not dequantized).
// CHECK-LABEL: func.func @not_constant
// CHECK: qgraph.quantize %arg0
// CHECK: %[[B:.+]] = qgraph.constant dense<1.000000e+00> : tensor<3xf32>
// CHECK: qgraph.linear %arg1, %{{.+}}, %[[B]]
func.func @not_constant(%a: tensor<4xf32>, %x: tensor<2x4xf32>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.25>>) -> (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<2x3xf32>) {
  %q = qgraph.quantize %a : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %wd = qgraph.dequantize %w : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %b = qgraph.constant dense<1.0> : tensor<3xf32>
  %y = qgraph.linear %x, %wd, %b : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %q, %y : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<2x3xf32>
}

// -----

// A float conv2d bias is quantized like a linear's, per output channel with
// per-channel weights: scales 0.5 * {0.25, 0.125} = {0.125, 0.0625}, so
// 1.0 -> 8 and -1.0 -> -16.
// CHECK-LABEL: func.func @conv_bias_per_channel
// CHECK: %[[B:.+]] = qgraph.constant dense<[8, -16]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>>
// CHECK: %[[BD:.+]] = qgraph.dequantize %[[B]]
// CHECK: qgraph.conv2d %{{.+}}, %{{.+}}, %[[BD]]
func.func @conv_bias_per_channel(%xq: tensor<1x2x3x3x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x2x3x3xf32> {
  %x = qgraph.dequantize %xq : tensor<1x2x3x3x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x3x3xf32>
  %wq = qgraph.constant dense<1> : tensor<2x2x1x1xi8> -> tensor<2x2x1x1x!quant.uniform<i8:f32:0, {0.25, 0.125}>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x1x!quant.uniform<i8:f32:0, {0.25, 0.125}>> -> tensor<2x2x1x1xf32>
  %b = qgraph.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %y = qgraph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// A per-tensor conv2d weight gives a per-tensor bias: 0.5 * 0.25 = 0.125;
// 0.3 -> 2.4 -> 2, -0.1875 -> -1.5 -> -2 (half to even).
// CHECK-LABEL: func.func @conv_bias_per_tensor
// CHECK: %[[B:.+]] = qgraph.constant dense<[2, -2]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK: %[[BD:.+]] = qgraph.dequantize %[[B]]
// CHECK: qgraph.conv2d %{{.+}}, %{{.+}}, %[[BD]]
func.func @conv_bias_per_tensor(%xq: tensor<1x2x3x3x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x2x3x3xf32> {
  %x = qgraph.dequantize %xq : tensor<1x2x3x3x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x2x3x3xf32>
  %wq = qgraph.constant dense<1> : tensor<2x2x1x1xi8> -> tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x2x1x1x!quant.uniform<i8:f32, 0.25>> -> tensor<2x2x1x1xf32>
  %b = qgraph.constant dense<[0.3, -0.1875]> : tensor<2xf32>
  %y = qgraph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, groups = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// add(c, linear(x, W)) with c one value per output channel ([1, N], on the
// left) is the linear's bias: the add goes, the [1, 3] constant is reshaped
// to [3] at compile time, then quantized at 0.5 * 0.25 = 0.125: 1.0 -> 8,
// -0.5 -> -4, 0.25 -> 2.
// CHECK-LABEL: func.func @bias_add
// CHECK: %[[B:.+]] = qgraph.constant dense<[8, -4, 2]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK: %[[BD:.+]] = qgraph.dequantize %[[B]] : tensor<3x!quant.uniform<i32:f32, 1.250000e-01>> -> tensor<3xf32>
// CHECK: %[[Y:.+]] = qgraph.linear %{{.+}}, %{{.+}}, %[[BD]] : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: qgraph.add
// CHECK-NOT: qgraph.reshape
func.func @bias_add(%xq: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x3xf32> {
  %x = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wq = qgraph.constant dense<1> : tensor<3x4xi8> -> tensor<3x4x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %y = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  %c = qgraph.constant dense<[[1.0, -0.5, 0.25]]> : tensor<1x3xf32>
  %z = qgraph.add %c, %y : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}

// -----

// A MatMul on a rank-3 input: add(reshape(linear), c), the reshape [6, 3] ->
// [2, 3, 3] keeping the last dimension N = 3. The bias joins the linear and
// the reshape follows it.
// CHECK-LABEL: func.func @bias_add_through_reshape
// CHECK: %[[B:.+]] = qgraph.constant dense<[8, -4, 2]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK: %[[BD:.+]] = qgraph.dequantize %[[B]]
// CHECK: %[[Y:.+]] = qgraph.linear %{{.+}}, %{{.+}}, %[[BD]] : (tensor<6x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<6x3xf32>
// CHECK-NEXT: %[[R:.+]] = qgraph.reshape %[[Y]] : tensor<6x3xf32> -> tensor<2x3x3xf32>
// CHECK-NEXT: return %[[R]]
// CHECK-NOT: qgraph.add
func.func @bias_add_through_reshape(%xq: tensor<6x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x3x3xf32> {
  %x = qgraph.dequantize %xq : tensor<6x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<6x4xf32>
  %wq = qgraph.constant dense<1> : tensor<3x4xi8> -> tensor<3x4x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %y = qgraph.linear %x, %w : (tensor<6x4xf32>, tensor<3x4xf32>) -> tensor<6x3xf32>
  %r = qgraph.reshape %y : tensor<6x3xf32> -> tensor<2x3x3xf32>
  %c = qgraph.constant dense<[1.0, -0.5, 0.25]> : tensor<3xf32>
  %z = qgraph.add %r, %c : (tensor<2x3x3xf32>, tensor<3xf32>) -> tensor<2x3x3xf32>
  return %z : tensor<2x3x3xf32>
}

// -----

// Not a bias: the reshape [4, 3] -> [3, 4] changes the last dimension (the
// constant would no longer add per output channel), and a linear that
// already has a bias keeps the add.
// CHECK-LABEL: func.func @bias_add_refused
// CHECK: %[[Y:.+]] = qgraph.linear %{{.+}}, %{{.+}} : (tensor<4x4xf32>, tensor<3x4xf32>) -> tensor<4x3xf32>
// CHECK: %[[R:.+]] = qgraph.reshape %[[Y]] : tensor<4x3xf32> -> tensor<3x4xf32>
// CHECK: qgraph.add %[[R]], %{{.+}} : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
// CHECK: %[[Y2:.+]] = qgraph.linear %{{.+}}, %{{.+}}, %{{.+}} : (tensor<4x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<4x3xf32>
// CHECK: qgraph.add %[[Y2]], %{{.+}} : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
func.func @bias_add_refused(%xq: tensor<4x4x!quant.uniform<u8:f32, 0.5:128>>) -> (tensor<3x4xf32>, tensor<4x3xf32>) {
  %x = qgraph.dequantize %xq : tensor<4x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4x4xf32>
  %wq = qgraph.constant dense<1> : tensor<3x4xi8> -> tensor<3x4x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<3x4x!quant.uniform<i8:f32, 0.25>> -> tensor<3x4xf32>
  %y = qgraph.linear %x, %w : (tensor<4x4xf32>, tensor<3x4xf32>) -> tensor<4x3xf32>
  %r = qgraph.reshape %y : tensor<4x3xf32> -> tensor<3x4xf32>
  %c4 = qgraph.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %z = qgraph.add %r, %c4 : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %bq = qgraph.constant dense<1> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 0.125>>
  %b = qgraph.dequantize %bq : tensor<3x!quant.uniform<i32:f32, 0.125>> -> tensor<3xf32>
  %y2 = qgraph.linear %x, %w, %b : (tensor<4x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  %c3 = qgraph.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %z2 = qgraph.add %y2, %c3 : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %z, %z2 : tensor<3x4xf32>, tensor<4x3xf32>
}

// -----

// mul(linear(x, W, b), c) with c one positive factor per output channel:
// the same integers at scales multiplied by c. W per tensor 0.25 (zero point
// 1) becomes per channel {0.25 * 2, 0.25 * 4} = {0.5, 1.0} with its zero
// point kept; the int32 bias at 0.125 becomes {0.25, 0.5}, which is still
// s_x * s_w[n] = 0.5 * {0.5, 1.0}.
// CHECK-LABEL: func.func @scale_mul_per_channel
// CHECK-DAG: %[[W:.+]] = qgraph.constant dense<{{\[\[}}1, 2, 3, 4], [5, 6, 7, 8]]> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32:0, {5.000000e-01:1,1.000000e+00:1}>>
// CHECK-DAG: %[[B:.+]] = qgraph.constant dense<[10, -20]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {2.500000e-01,5.000000e-01}>>
// CHECK-DAG: %[[WD:.+]] = qgraph.dequantize %[[W]]
// CHECK-DAG: %[[BD:.+]] = qgraph.dequantize %[[B]]
// CHECK: %[[Y:.+]] = qgraph.linear %{{.+}}, %[[WD]], %[[BD]] : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: qgraph.mul
func.func @scale_mul_per_channel(%xq: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x2xf32> {
  %x = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wq = qgraph.constant dense<[[1, 2, 3, 4], [5, 6, 7, 8]]> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.25:1>>
  %w = qgraph.dequantize %wq : tensor<2x4x!quant.uniform<i8:f32, 0.25:1>> -> tensor<2x4xf32>
  %bq = qgraph.constant dense<[10, -20]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.125>>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<i32:f32, 0.125>> -> tensor<2xf32>
  %y = qgraph.linear %x, %w, %b : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %c = qgraph.constant dense<[2.0, 4.0]> : tensor<2xf32>
  %z = qgraph.mul %y, %c : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %z : tensor<2x2xf32>
}

// -----

// One factor for all channels (on the left), no bias: a per-tensor weight
// stays per tensor, 0.25 * 3 = 0.75; a per-channel one is scaled channel by
// channel, {0.5, 0.25} * 3 = {1.5, 0.75}.
// CHECK-LABEL: func.func @scale_mul_one_factor
// CHECK-NEXT: %[[W:.+]] = qgraph.constant dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 7.500000e-01>>
// CHECK-NEXT: %[[WD:.+]] = qgraph.dequantize %[[W]]
// CHECK-NEXT: %[[Y:.+]] = qgraph.linear %arg0, %[[WD]] :
// CHECK-NEXT: %[[V:.+]] = qgraph.constant dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32:0, {1.500000e+00,7.500000e-01}>>
// CHECK-NEXT: %[[VD:.+]] = qgraph.dequantize %[[V]]
// CHECK-NEXT: %[[Y2:.+]] = qgraph.linear %arg0, %[[VD]] :
// CHECK-NEXT: return %[[Y]], %[[Y2]]
func.func @scale_mul_one_factor(%x: tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %wq = qgraph.constant dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x4x!quant.uniform<i8:f32, 0.25>> -> tensor<2x4xf32>
  %y = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2xf32>
  %c = qgraph.constant dense<3.0> : tensor<1xf32>
  %z = qgraph.mul %c, %y : (tensor<1xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %vq = qgraph.constant dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  %v = qgraph.dequantize %vq : tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<2x4xf32>
  %y2 = qgraph.linear %x, %v : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2xf32>
  %z2 = qgraph.mul %y2, %c : (tensor<2x2xf32>, tensor<1xf32>) -> tensor<2x2xf32>
  return %z, %z2 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// Not folded: a factor that is not positive (a scale cannot flip signs), and
// a factor known only at run time.
// CHECK-LABEL: func.func @scale_mul_refused
// CHECK-NEXT: %[[W:.+]] = qgraph.constant dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK-NEXT: %[[WD:.+]] = qgraph.dequantize %[[W]]
// CHECK-NEXT: %[[Y:.+]] = qgraph.linear %arg0, %[[WD]] :
// CHECK-NEXT: %[[C:.+]] = qgraph.constant dense<[2.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: qgraph.mul %[[Y]], %[[C]] : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT: %[[Y2:.+]] = qgraph.linear %arg0, %[[WD]] :
// CHECK-NEXT: qgraph.mul %[[Y2]], %arg1 : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
func.func @scale_mul_refused(%x: tensor<2x4xf32>, %f: tensor<2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %wq = qgraph.constant dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<2x4x!quant.uniform<i8:f32, 0.25>> -> tensor<2x4xf32>
  %y = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2xf32>
  %c = qgraph.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %z = qgraph.mul %y, %c : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %y2 = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2xf32>
  %z2 = qgraph.mul %y2, %f : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %z, %z2 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// An ONNX MatMul weight is [K, N], quantized per output channel along axis
// 1; the transpose to [N, K] is done on the constant, and the axis moves to
// 0. The float bias is then quantized per channel at 0.5 * {0.25, 0.5}:
// 1.0 -> 8 and 1.0 -> 4.
// CHECK-LABEL: func.func @transpose_weight_per_axis
// CHECK: %[[W:.+]] = qgraph.constant dense<{{\[\[}}1, 3, 5], [2, 4, 6]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:0, {2.500000e-01,5.000000e-01}>>
// CHECK: %[[WD:.+]] = qgraph.dequantize %[[W]]
// CHECK: %[[B:.+]] = qgraph.constant dense<[8, 4]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.250000e-01,2.500000e-01}>>
// CHECK: %[[BD:.+]] = qgraph.dequantize %[[B]]
// CHECK: qgraph.linear %{{.+}}, %[[WD]], %[[BD]]
// CHECK-NOT: qgraph.transpose
func.func @transpose_weight_per_axis(%xq: tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x2xf32> {
  %x = qgraph.dequantize %xq : tensor<2x3x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x3xf32>
  %wq = qgraph.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>>
  %w = qgraph.dequantize %wq : tensor<3x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>> -> tensor<3x2xf32>
  %wt = qgraph.transpose %w {permutation = array<i64: 1, 0>} : tensor<3x2xf32> -> tensor<2x3xf32>
  %b = qgraph.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %y = qgraph.linear %x, %wt, %b : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// Transposes of a float constant, of a quantized constant (QOperator) and of
// a dequantized rank-3 constant quantized along axis 2: the permutation
// (2, 0, 1) puts input dimension 2 first, out[i][j][k] = in[j][k][i], and
// the quantization axis 2 becomes 0.
// CHECK-LABEL: func.func @transpose_constants
// CHECK-DAG: qgraph.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: qgraph.constant dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xui8> -> tensor<3x2x!quant.uniform<u8:f32, 5.000000e-01:3>>
// CHECK-DAG: qgraph.constant dense<{{\[\[\[}}1, 4], [7, 10]], {{\[\[}}2, 5], [8, 11]], {{\[\[}}3, 6], [9, 12]]]> : tensor<3x2x2xi8> -> tensor<3x2x2x!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01,1.250000e-01}>>
// CHECK-NOT: qgraph.transpose
func.func @transpose_constants() -> (tensor<3x2xf32>, tensor<3x2x!quant.uniform<u8:f32, 0.5:3>>, tensor<3x2x2xf32>) {
  %f = qgraph.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %ft = qgraph.transpose %f {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %q = qgraph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xui8> -> tensor<2x3x!quant.uniform<u8:f32, 0.5:3>>
  %qt = qgraph.transpose %q {permutation = array<i64: 1, 0>} : tensor<2x3x!quant.uniform<u8:f32, 0.5:3>> -> tensor<3x2x!quant.uniform<u8:f32, 0.5:3>>
  %a = qgraph.constant dense<[[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]> : tensor<2x2x3xi8> -> tensor<2x2x3x!quant.uniform<i8:f32:2, {0.5, 0.25, 0.125}>>
  %ad = qgraph.dequantize %a : tensor<2x2x3x!quant.uniform<i8:f32:2, {0.5, 0.25, 0.125}>> -> tensor<2x2x3xf32>
  %at = qgraph.transpose %ad {permutation = array<i64: 2, 0, 1>} : tensor<2x2x3xf32> -> tensor<3x2x2xf32>
  return %ft, %qt, %at : tensor<3x2xf32>, tensor<3x2x!quant.uniform<u8:f32, 0.5:3>>, tensor<3x2x2xf32>
}

// -----

// Reshapes of a float constant, of a quantized constant and of a constant
// dequantized per tensor are done on the constant (the elements keep their
// order). One dequantized per axis is not: its channels would move.
// CHECK-LABEL: func.func @reshape_constants
// CHECK-DAG: qgraph.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: qgraph.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xui8> -> tensor<6x!quant.uniform<u8:f32, 5.000000e-01:3>>
// CHECK-DAG: %[[P:.+]] = qgraph.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 5.000000e-01:3>>
// CHECK-DAG: qgraph.dequantize %[[P]] : tensor<3x2x!quant.uniform<i8:f32, 5.000000e-01:3>> -> tensor<3x2xf32>
// CHECK-DAG: %[[A:.+]] = qgraph.constant dense<{{\[\[}}1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01}>>
// CHECK-DAG: %[[AD:.+]] = qgraph.dequantize %[[A]]
// CHECK-DAG: qgraph.reshape %[[AD]] : tensor<2x3xf32> -> tensor<3x2xf32>
func.func @reshape_constants() -> (tensor<3x2xf32>, tensor<6x!quant.uniform<u8:f32, 0.5:3>>, tensor<3x2xf32>, tensor<3x2xf32>) {
  %f = qgraph.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %fr = qgraph.reshape %f : tensor<2x3xf32> -> tensor<3x2xf32>
  %q = qgraph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xui8> -> tensor<2x3x!quant.uniform<u8:f32, 0.5:3>>
  %qr = qgraph.reshape %q : tensor<2x3x!quant.uniform<u8:f32, 0.5:3>> -> tensor<6x!quant.uniform<u8:f32, 0.5:3>>
  %p = qgraph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.5:3>>
  %pd = qgraph.dequantize %p : tensor<2x3x!quant.uniform<i8:f32, 0.5:3>> -> tensor<2x3xf32>
  %pr = qgraph.reshape %pd : tensor<2x3xf32> -> tensor<3x2xf32>
  %a = qgraph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  %ad = qgraph.dequantize %a : tensor<2x3x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<2x3xf32>
  %ar = qgraph.reshape %ad : tensor<2x3xf32> -> tensor<3x2xf32>
  return %fr, %qr, %pr, %ar : tensor<3x2xf32>, tensor<6x!quant.uniform<u8:f32, 0.5:3>>, tensor<3x2xf32>, tensor<3x2xf32>
}

// -----

// FoldScaleMul checks both constants before building anything: a weight
// quantized along axis 1 cannot take per-output-channel factors, so the mul
// stays and nothing else changes.
// CHECK-LABEL: func.func @scale_mul_weight_axis1_with_bias
// CHECK: qgraph.linear
// CHECK: qgraph.mul
func.func @scale_mul_weight_axis1_with_bias(%xq: tensor<2x2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x2xf32> {
  %x = qgraph.dequantize %xq : tensor<2x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x2xf32>
  %wq = qgraph.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>>
  %w = qgraph.dequantize %wq : tensor<2x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>> -> tensor<2x2xf32>
  %bq = qgraph.constant dense<[10, -20]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.125>>
  %b = qgraph.dequantize %bq : tensor<2x!quant.uniform<i32:f32, 0.125>> -> tensor<2xf32>
  %y = qgraph.linear %x, %w, %b : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %c = qgraph.constant dense<[2.0, 4.0]> : tensor<2xf32>
  %z = qgraph.mul %y, %c : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %z : tensor<2x2xf32>
}

// -----

// A scalar (rank-0) addend is not folded as a bias, even for one output
// channel.
// CHECK-LABEL: func.func @scalar_add_one_channel
// CHECK: qgraph.linear
// CHECK: qgraph.add
func.func @scalar_add_one_channel(%xq: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<2x1xf32> {
  %x = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32>
  %wq = qgraph.constant dense<1> : tensor<1x4xi8> -> tensor<1x4x!quant.uniform<i8:f32, 0.25>>
  %w = qgraph.dequantize %wq : tensor<1x4x!quant.uniform<i8:f32, 0.25>> -> tensor<1x4xf32>
  %y = qgraph.linear %x, %w : (tensor<2x4xf32>, tensor<1x4xf32>) -> tensor<2x1xf32>
  %c = qgraph.constant dense<1.0> : tensor<f32>
  %z = qgraph.add %y, %c : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  return %z : tensor<2x1xf32>
}
