#ifndef QCC_QINT_OPS
#define QCC_QINT_OPS

include "dialects/QInt/QIntDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def QInt_Int8Tensor : RankedTensorOf<[I8, UI8]>;
def QInt_Int32Tensor : RankedTensorOf<[I32]>;

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
    With `input` `[M, K]`, `weight` `[N, K]`, the optional `bias` `[N]`:

    ```
    acc[m][n] = bias[n] + sum_k (input[m][k] - input_zero_point)
                               * (weight[n][k] - weight_zero_points[n])
    result[m][n] = requant(acc[m][n]) for output channel n
    ```

    `acc` is int32 and wraps modulo 2^32, as in every int8 library (so any
    decomposition of the zero-point terms gives the same bits). A fused ReLU
    is a `clamp_min` equal to the output zero point.

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
                       QInt_RequantAttr:$requant);
  let results = (outs QInt_Int8Tensor:$result);
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

#endif // QCC_QINT_OPS
