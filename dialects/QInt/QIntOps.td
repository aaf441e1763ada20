#ifndef QCC_QINT_OPS
#define QCC_QINT_OPS

include "dialects/QInt/QIntDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def QInt_Int8Tensor : RankedTensorOf<[I8, UI8]>;
def QInt_Int32Tensor : RankedTensorOf<[I32]>;
def QInt_AccumulatorOrInt8Tensor : RankedTensorOf<[I8, UI8, I32]>;
def QInt_AnyTensor : RankedTensorOf<[AnyInteger]>;

defvar QInt_WindowAttrs = (ins DenseI64ArrayAttr:$kernel,
                             DenseI64ArrayAttr:$strides,
                             DenseI64ArrayAttr:$dilations,
                             DenseI64ArrayAttr:$pads);

def QInt_ConstantOp : QInt_Op<"constant", [Pure, ConstantLike]> {
  let summary = "A constant integer tensor (weights, biases)";
  let description = [{
    ```mlir
    %w = qint.constant dense<[[12, -16], [3, 4]]> : tensor<2x2xi8>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs RankedTensorOf<[I8, UI8, I32]>:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
  let builders = [
    OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
      build($_builder, $_state, value.getType(), value);
    }]>
  ];
}

def QInt_StorageCastOp : QInt_Op<"storage_cast", [Pure]> {
  let summary = "Views a quantized tensor as its integer storage, or back";
  let description = [{
    Changes no data: the bridge between `qgraph` values of `!quant.uniform`
    type and the plain integer tensors of `qint`. Unsigned storage is `ui8`,
    signed storage `i8` or `i32`. A cast of a cast back to the original type
    folds away.

    ```mlir
    %i = qint.storage_cast %q : tensor<4x!quant.uniform<u8:f32, 0.1:3>> to tensor<4xui8>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QInt_FullyConnectedOp : QInt_Op<"fully_connected", [Pure]> {
  let summary = "Integer fully connected layer with fused requantization";
  let description = [{
    With `input` `[..., K]` (the leading dimensions are the rows M),
    `weight` `[N, K]`, the optional `bias` `[N]`:

    ```
    acc[m][n] = bias[n] + sum_k (input[m][k] - input_zero_point)
                               * (weight[n][k] - weight_zero_points[n])
    result[m][n] = requant(acc[m][n]) for output channel n
    ```

    `acc` is int32 and wraps modulo 2^32, as in every int8 library (so any
    decomposition of the zero-point terms gives the same bits). A fused ReLU
    is a `clamp_min` equal to the output zero point. Without `requant` the
    result is `acc` itself, an `i32` tensor (ONNX MatMulInteger).

    ```mlir
    %y = qint.fully_connected %x, %w, %b {
        input_zero_point = 128 : i32, weight_zero_points = array<i32: 0>,
        requant = #qint.requant<double_round, zp = 0, clamp = [0, 255],
                                multiplier = [1518500250], shift = [-7]>}
        : (tensor<4x8xui8>, tensor<3x8xi8>, tensor<3xi32>) -> tensor<4x3xui8>
    ```
  }];
  let arguments = (ins QInt_Int8Tensor:$input, QInt_Int8Tensor:$weight,
                       Optional<QInt_Int32Tensor>:$bias,
                       I32Attr:$input_zero_point,
                       DenseI32ArrayAttr:$weight_zero_points,
                       OptionalAttr<QInt_RequantAttr>:$requant);
  let results = (outs QInt_AccumulatorOrInt8Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The input zero point as the signed value it is (I32Attr's getter
    /// returns it unsigned).
    int32_t inputZeroPoint() { return int32_t(getInputZeroPointAttr().getInt()); }
  }];
}

def QInt_Conv2dOp : QInt_Op<"conv2d", [Pure]> {
  let summary = "Integer 2-D convolution, NHWC, with fused requantization";
  let description = [{
    `input` is `[N, H, W, C]`, `weight` `[O, KH, KW, C / groups]`, the
    optional `bias` `[O]`, the result `[N, OH, OW, O]`. As for
    `fully_connected`, per output channel `o`:

    ```
    acc = bias[o] + sum (x - input_zero_point) * (w - weight_zero_points[o])
    ```

    over the window and the group's input channels, where padding reads the
    input zero point (it adds nothing); then `requant`, or the raw int32
    accumulator without it (ONNX ConvInteger). `pads` is `[top, left,
    bottom, right]`.

    ```mlir
    %y = qint.conv2d %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>,
        dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 128 : i32,
        weight_zero_points = array<i32: 0>,
        requant = #qint.requant<double_round, zp = 0, clamp = [0, 255],
                                multiplier = [1518500250], shift = [-7]>}
        : (tensor<1x8x8x3xui8>, tensor<16x3x3x3xi8>, tensor<16xi32>) -> tensor<1x8x8x16xui8>
    ```
  }];
  let arguments = (ins QInt_Int8Tensor:$input, QInt_Int8Tensor:$weight,
                       Optional<QInt_Int32Tensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, I64Attr:$groups,
                       I32Attr:$input_zero_point,
                       DenseI32ArrayAttr:$weight_zero_points,
                       OptionalAttr<QInt_RequantAttr>:$requant);
  let results = (outs QInt_AccumulatorOrInt8Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int32_t inputZeroPoint() { return int32_t(getInputZeroPointAttr().getInt()); }
  }];
}

def QInt_AddOp : QInt_Op<"add", [Pure, SameOperandsAndResultType]> {
  let summary = "Quantized add of two tensors of one shape";
  let description = [{
    Integer rules (TFLite's): each input minus its zero point is shifted
    left by `left_shift`, then rescaled by its own `#qint.requant` (zero
    point 0, full int32 clamp); the sum goes through `requant`:

    ```
    out = requant(lhs_rescale((a - za) << left_shift) + rhs_rescale((b - zb) << left_shift))
    ```

    With `float_half_even` (numerics onnx) it computes as ONNX Runtime's x86
    kernel: `round_half_even(zp - (rA * za + rB * zb) + a * rA + b * rB)`,
    `rA`, `rB` the single scale of each input's rescale.

    ```mlir
    %y = qint.add %a, %b {lhs_zero_point = 3 : i32, rhs_zero_point = 0 : i32, left_shift = 20 : i32,
        lhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647],
                                    multiplier = [1073741824], shift = [0]>,
        rhs_rescale = #qint.requant<double_round, zp = 0, clamp = [-2147483648, 2147483647],
                                    multiplier = [1431655765], shift = [-1]>,
        requant = #qint.requant<double_round, zp = 5, clamp = [0, 255],
                                multiplier = [1073741824], shift = [-18]>} : tensor<1x4x4x8xui8>
    ```
  }];
  let arguments = (ins QInt_Int8Tensor:$lhs, QInt_Int8Tensor:$rhs,
                       I32Attr:$lhs_zero_point, I32Attr:$rhs_zero_point,
                       I32Attr:$left_shift, QInt_RequantAttr:$lhs_rescale,
                       QInt_RequantAttr:$rhs_rescale, QInt_RequantAttr:$requant);
  let results = (outs QInt_Int8Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int32_t lhsZeroPoint() { return int32_t(getLhsZeroPointAttr().getInt()); }
    int32_t rhsZeroPoint() { return int32_t(getRhsZeroPointAttr().getInt()); }
  }];
}

def QInt_RequantizeOp : QInt_Op<"requantize", [Pure]> {
  let summary = "out = requant(x - input_zero_point), elementwise";
  let description = [{
    Changes the quantization of a tensor (scale, zero point, signedness) or
    clamps it (a ReLU on quantized values).

    ```mlir
    %y = qint.requantize %x {input_zero_point = 128 : i32,
        requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127],
                                multiplier = [1073741824], shift = [1]>}
        : tensor<4x8xui8> -> tensor<4x8xi8>
    ```
  }];
  let arguments = (ins QInt_Int8Tensor:$input, I32Attr:$input_zero_point,
                       QInt_RequantAttr:$requant);
  let results = (outs QInt_Int8Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    int32_t inputZeroPoint() { return int32_t(getInputZeroPointAttr().getInt()); }
    /// True when the requantization keeps every value (scale exactly 1, the
    /// same zero point and type) and only clamps.
    bool isClampOnly();
  }];
}

def QInt_MaxPool2dOp : QInt_Op<"max_pool2d", [Pure]> {
  let summary = "Integer 2-D max pooling, NHWC";
  let description = [{
    The maximum of the stored values inside the image: the quantization does
    not change, so no arithmetic is needed.

    ```mlir
    %y = qint.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>,
        dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
        : tensor<1x8x8x16xui8> -> tensor<1x4x4x16xui8>
    ```
  }];
  let arguments = !con((ins QInt_Int8Tensor:$input), QInt_WindowAttrs,
                       (ins UnitAttr:$ceil_mode));
  let results = (outs QInt_Int8Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QInt_AvgPool2dOp : QInt_Op<"avg_pool2d", [Pure]> {
  let summary = "Integer 2-D average pooling, NHWC";
  let description = [{
    `sum = sum (x - input_zero_point)` over the window (padding adds
    nothing), divided and requantized at once: `out = requant_d(sum)` where
    the divisor `d` is the number of window positions inside the image (and,
    with `count_include_pad`, inside its explicit padding), and `requant_d`
    is channel `d - 1` of `requant` (real scale `s_in / (s_out * d)`), or
    its only channel when every window has the same divisor. With
    `ceil_mode` the output size rounds up; a last window that would start in
    the trailing padding is dropped.

    ```mlir
    %y = qint.avg_pool2d %x {kernel = array<i64: 7, 7>, strides = array<i64: 1, 1>,
        dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
        count_include_pad, input_zero_point = 0 : i32,
        requant = #qint.requant<double_round, zp = 0, clamp = [0, 255],
                                multiplier = [1402438301], shift = [-5]>}
        : tensor<1x7x7x512xui8> -> tensor<1x1x1x512xui8>
    ```
  }];
  let arguments = !con((ins QInt_Int8Tensor:$input), QInt_WindowAttrs,
                       (ins UnitAttr:$ceil_mode, UnitAttr:$count_include_pad,
                            I32Attr:$input_zero_point,
                            QInt_RequantAttr:$requant));
  let results = (outs QInt_Int8Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int32_t inputZeroPoint() { return int32_t(getInputZeroPointAttr().getInt()); }
  }];
}

def QInt_ConcatOp : QInt_Op<"concat", [Pure]> {
  let summary = "Concatenation, requantizing inputs whose quantization differs";
  let description = [{
    Without `requants` the inputs are copied. With them, input `i` becomes
    `requants[i](x - input_zero_points[i])`.

    ```mlir
    %y = qint.concat %a, %b {axis = 3 : i64, input_zero_points = array<i32: 0, 3>,
        requants = [#qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [1]>,
                    #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1431655765], shift = [0]>]}
        : (tensor<1x4x4x8xui8>, tensor<1x4x4x8xui8>) -> tensor<1x4x4x16xui8>
    ```
  }];
  let arguments = (ins Variadic<QInt_Int8Tensor>:$inputs, I64Attr:$axis,
                       OptionalAttr<DenseI32ArrayAttr>:$input_zero_points,
                       OptionalAttr<TypedArrayAttrBase<QInt_RequantAttr, "requants">>:$requants);
  let results = (outs QInt_Int8Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def QInt_ReshapeOp : QInt_Op<"reshape", [Pure]> {
  let summary = "Same integers, new shape; no data moves";
  let description = [{
    ```mlir
    %y = qint.reshape %x : tensor<1x64x2x2xui8> -> tensor<1x256xui8>
    ```
  }];
  let arguments = (ins QInt_AnyTensor:$input);
  let results = (outs QInt_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QInt_TransposeOp : QInt_Op<"transpose", [Pure]> {
  let summary = "Permutes the dimensions of an integer tensor";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`. qint computes
    images in NHWC; fusion brackets each image operation with transposes
    from and to NCHW, and a transpose of a transpose folds, so that
    consecutive operations stay in NHWC.

    ```mlir
    %y = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>}
        : tensor<1x3x8x8xui8> -> tensor<1x8x8x3xui8>
    ```
  }];
  let arguments = (ins QInt_AnyTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs QInt_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def QInt_DynamicFullyConnectedOp : QInt_Op<"dynamic_fully_connected", [Pure]> {
  let summary = "Fully connected layer on float activations quantized at run time";
  let description = [{
    Dynamic quantization (PyTorch `quantize_dynamic`, ONNX
    DynamicQuantizeLinear + MatMulInteger): the input's range is measured
    when it runs (rule of `qgraph.dynamic_quantize`), the input is quantized
    while it is packed, the product is int8 x int8 -> int32, and the output
    is float:

    ```
    out[m][n] = float(acc) * (x_scale * weight_scales[n]) + bias[n]   [relu]
    ```

    The range and the epilogue are float: not integer-only.

    ```mlir
    %y = qint.dynamic_fully_connected %x, %w, %b {weight_zero_points = array<i32: 0>,
        weight_scales = array<f32: 0.0024>, qmin = 0 : i32, qmax = 127 : i32,
        storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.1 : f32}
        : (tensor<4x10xf32>, tensor<5x10xi8>, tensor<5xf32>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[F32]>:$input, QInt_Int8Tensor:$weight,
                       Optional<RankedTensorOf<[F32]>>:$bias,
                       DenseI32ArrayAttr:$weight_zero_points,
                       DenseF32ArrayAttr:$weight_scales,
                       I32Attr:$qmin, I32Attr:$qmax, I32Attr:$storage_min,
                       I32Attr:$storage_max, F32Attr:$fallback_scale,
                       UnitAttr:$relu);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // QCC_QINT_OPS
