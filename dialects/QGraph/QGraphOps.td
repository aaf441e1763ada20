#ifndef QCC_QGRAPH_OPS
#define QCC_QGRAPH_OPS

include "dialects/QGraph/QGraphDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Dialect/Quant/IR/QuantBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def QGraph_F32Tensor : RankedTensorOf<[F32]>;
def QGraph_QuantizedTensor : RankedTensorOf<[quant_QuantizedType]>;

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

#endif // QCC_QGRAPH_OPS
