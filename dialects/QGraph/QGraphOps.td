#ifndef QCC_QGRAPH_OPS
#define QCC_QGRAPH_OPS

include "dialects/QGraph/QGraphDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Dialect/Quant/IR/QuantBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def QGraph_F32Tensor : RankedTensorOf<[F32]>;
def QGraph_QuantizedTensor : RankedTensorOf<[quant_QuantizedType]>;
/// Data movement works on any element type: floats, quantized values, the
/// integers of a QOperator graph.
def QGraph_AnyTensor : RankedTensorOf<[F32, quant_QuantizedType, AnyInteger]>;

defvar QGraph_WindowAttrs = (ins DenseI64ArrayAttr:$kernel,
                               DenseI64ArrayAttr:$strides,
                               DenseI64ArrayAttr:$dilations,
                               DenseI64ArrayAttr:$pads);

def QGraph_ConstantOp : QGraph_Op<"constant", [Pure]> {
  let summary = "A constant tensor: float, integer, or quantized";
  let description = [{
    Holds weights and biases. A quantized result type stores its integer
    values in `value`, whose element type is the storage type (`i8`, `ui8`
    for unsigned storage, `i32`).

    ```mlir
    %w = qgraph.constant dense<[[1.5, -2.0]]> : tensor<1x2xf32>
    %q = qgraph.constant dense<[[12, -16]]> : tensor<1x2xi8>
        -> tensor<1x2x!quant.uniform<i8:f32, 0.125>>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyStaticShapeTensor:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let builders = [
    OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
      build($_builder, $_state, ::llvm::cast<::mlir::TensorType>(value.getType()), value);
    }]>
  ];
}

def QGraph_QuantizeOp : QGraph_Op<"quantize", [Pure]> {
  let summary = "Float to quantized: saturate(round_half_even(x / scale) + zp)";
  let description = [{
    ONNX QuantizeLinear. The scale and zero point, per tensor or per axis,
    are those of the result type.

    ```mlir
    %q = qgraph.quantize %x : tensor<4x8xf32> -> tensor<4x8x!quant.uniform<u8:f32, 0.05:128>>
    ```
  }];
  let arguments = (ins QGraph_F32Tensor:$input);
  let results = (outs QGraph_QuantizedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QGraph_DequantizeOp : QGraph_Op<"dequantize", [Pure]> {
  let summary = "Quantized to float: (q - zp) * scale";
  let description = [{
    ONNX DequantizeLinear.

    ```mlir
    %x = qgraph.dequantize %q : tensor<4x8x!quant.uniform<u8:f32, 0.05:128>> -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins QGraph_QuantizedTensor:$input);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QGraph_LinearOp : QGraph_Op<"linear", [Pure]> {
  let summary = "Fully connected layer: input * weight^T + bias";
  let description = [{
    PyTorch `nn.Linear` and ONNX `Gemm` with `transB = 1`: `input` is
    `[M, K]`, `weight` is `[N, K]`, the optional `bias` is `[N]`, the result
    is `[M, N]`.

    ```mlir
    %y = qgraph.linear %x, %w, %b
        : (tensor<4x8xf32>, tensor<3x8xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins QGraph_F32Tensor:$input, QGraph_F32Tensor:$weight,
                       Optional<QGraph_F32Tensor>:$bias);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QGraph_ReluOp : QGraph_Op<"relu", [Pure, SameOperandsAndResultType]> {
  let summary = "max(x, 0)";
  let description = [{
    ```mlir
    %y = qgraph.relu %x : tensor<4x3xf32>
    ```
  }];
  let arguments = (ins QGraph_F32Tensor:$input);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def QGraph_Conv2dOp : QGraph_Op<"conv2d", [Pure]> {
  let summary = "2-D convolution, NCHW input, OIHW weight (ONNX Conv)";
  let description = [{
    `weight` is `[O, C / groups, KH, KW]`; `pads` is `[top, left, bottom,
    right]`; the result is `[N, O, OH, OW]` with
    `OH = (H + top + bottom - ((KH - 1) * dh + 1)) / sh + 1`.

    ```mlir
    %y = qgraph.conv2d %x, %w, %b {strides = array<i64: 2, 2>,
        pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, groups = 1 : i64}
        : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x4x4xf32>
    ```
  }];
  let arguments = (ins QGraph_F32Tensor:$input, QGraph_F32Tensor:$weight,
                       Optional<QGraph_F32Tensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, I64Attr:$groups);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class QGraph_BinaryOp<string mnemonic, string what>
    : QGraph_Op<mnemonic, [Pure]> {
  let summary = "Elementwise " # what # " with NumPy broadcasting";
  let arguments = (ins QGraph_F32Tensor:$lhs, QGraph_F32Tensor:$rhs);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QGraph_AddOp : QGraph_BinaryOp<"add", "addition"> {
  let description = [{
    ```mlir
    %y = qgraph.add %a, %b : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    ```
  }];
}

def QGraph_MulOp : QGraph_BinaryOp<"mul", "multiplication"> {
  let description = [{
    ```mlir
    %y = qgraph.mul %acc, %scale : (tensor<4x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
    ```
  }];
}

def QGraph_ClipOp : QGraph_Op<"clip", [Pure, SameOperandsAndResultType]> {
  let summary = "min(max(x, min), max) (ONNX Clip, ReLU6)";
  let description = [{
    ```mlir
    %y = qgraph.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins QGraph_F32Tensor:$input, F32Attr:$min, F32Attr:$max);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def QGraph_MaxPool2dOp : QGraph_Op<"max_pool2d", [Pure]> {
  let summary = "2-D max pooling, NCHW (ONNX MaxPool)";
  let description = [{
    Padding is ignored. With `ceil_mode` the output size rounds up.

    ```mlir
    %y = qgraph.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>,
        dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
        : tensor<1x8x8x8xf32> -> tensor<1x8x4x4xf32>
    ```
  }];
  let arguments = !con((ins QGraph_F32Tensor:$input), QGraph_WindowAttrs,
                       (ins UnitAttr:$ceil_mode));
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QGraph_AvgPool2dOp : QGraph_Op<"avg_pool2d", [Pure]> {
  let summary = "2-D average pooling, NCHW (ONNX AveragePool, GlobalAveragePool)";
  let description = [{
    The divisor is the window size with `count_include_pad`, else the number
    of elements inside the image. A global average pool is a window of the
    whole image.

    ```mlir
    %y = qgraph.avg_pool2d %x {kernel = array<i64: 7, 7>, strides = array<i64: 1, 1>,
        dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
        : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
    ```
  }];
  let arguments = !con((ins QGraph_F32Tensor:$input), QGraph_WindowAttrs,
                       (ins UnitAttr:$ceil_mode, UnitAttr:$count_include_pad));
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QGraph_ConcatOp : QGraph_Op<"concat", [Pure]> {
  let summary = "Concatenation along an axis (ONNX Concat)";
  let description = [{
    ```mlir
    %y = qgraph.concat %a, %b {axis = 1 : i64}
        : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x16x4x4xf32>
    ```
  }];
  let arguments = (ins Variadic<QGraph_F32Tensor>:$inputs, I64Attr:$axis);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QGraph_ReshapeOp : QGraph_Op<"reshape", [Pure]> {
  let summary = "Same elements, new shape (ONNX Reshape, Flatten)";
  let description = [{
    Any element type; the element type does not change.

    ```mlir
    %y = qgraph.reshape %x : tensor<1x64x2x2xf32> -> tensor<1x256xf32>
    ```
  }];
  let arguments = (ins QGraph_AnyTensor:$input);
  let results = (outs QGraph_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QGraph_TransposeOp : QGraph_Op<"transpose", [Pure]> {
  let summary = "Permutes the dimensions (ONNX Transpose)";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`. Any element
    type; a per-axis quantized type moves its axis with the data.

    ```mlir
    %y = qgraph.transpose %x {permutation = array<i64: 1, 0>} : tensor<4x8xf32> -> tensor<8x4xf32>
    ```
  }];
  let arguments = (ins QGraph_AnyTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs QGraph_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QGraph_DynamicQuantizeOp : QGraph_Op<"dynamic_quantize", [Pure, SameOperandsAndResultType]> {
  let summary = "Quantize with a range measured at run time, then dequantize";
  let description = [{
    What a dynamically quantized graph computes between its quantize and
    dequantize: min and max of the whole tensor, widened to include 0;
    `scale = (max - min) / (qmax - qmin)` (`fallback_scale` when 0);
    `zero_point = round_half_even(clamp(qmin - min / scale, qmin, qmax))`;
    then `dequantize(quantize(x))` with values saturated to
    `[storage_min, storage_max]`. PyTorch's onednn engine uses `qmax = 127`
    (reduce_range), ONNX DynamicQuantizeLinear `qmax = 255`.

    ```mlir
    %y = qgraph.dynamic_quantize %x {qmin = 0 : i32, qmax = 127 : i32,
        storage_min = 0 : i32, storage_max = 255 : i32, fallback_scale = 0.1 : f32}
        : tensor<4x10xf32>
    ```
  }];
  let arguments = (ins QGraph_F32Tensor:$input, I32Attr:$qmin, I32Attr:$qmax,
                       I32Attr:$storage_min, I32Attr:$storage_max,
                       F32Attr:$fallback_scale);
  let results = (outs QGraph_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def QGraph_DynamicQuantizeLinearOp : QGraph_Op<"dynamic_quantize_linear", [Pure]> {
  let summary = "ONNX DynamicQuantizeLinear: uint8 values, scale, zero point";
  let description = [{
    The quantization of `dynamic_quantize` with the range `[0, 255]`,
    returned as the quantized tensor, the scale and the zero point.

    ```mlir
    %y, %s, %z = qgraph.dynamic_quantize_linear %x
        : tensor<3x10xf32> -> (tensor<3x10xui8>, tensor<f32>, tensor<ui8>)
    ```
  }];
  let arguments = (ins QGraph_F32Tensor:$input);
  let results = (outs RankedTensorOf<[UI8]>:$output, RankedTensorOf<[F32]>:$scale,
                      RankedTensorOf<[UI8]>:$zero_point);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` `(` type(results) `)`";
  let hasVerifier = 1;
}

#endif // QCC_QGRAPH_OPS
