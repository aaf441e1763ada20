#ifndef QCC_QINT_DIALECT
#define QCC_QINT_DIALECT

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"

def QInt_Dialect : Dialect {
  let name = "qint";
  let cppNamespace = "::qcc::qint";
  let summary = "Fused integer-only operations of quantized networks";
  let description = [{
    Every operation here computes on integer tensors (`i8` signed, `ui8`
    unsigned, `i32`) and spells out its arithmetic in its operands and
    attributes: zero points, int32 bias, and a `#qint.requant` attribute with
    the per-channel multiplier and shift, the rounding rule and the clamp
    bounds. No scale of the original model is needed to run it.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

def QInt_Rounding : I32EnumAttr<"Rounding", "requantization rounding rule", [
    I32EnumAttrCase<"double_round", 0>,
    I32EnumAttrCase<"single_round", 1>,
    I32EnumAttrCase<"float_half_even", 2>]> {
  let cppNamespace = "::qcc::qint";
  let genSpecializedAttr = 0;
}

def QInt_RequantAttr : AttrDef<QInt_Dialect, "Requant"> {
  let mnemonic = "requant";
  let summary = "How an int32 accumulator becomes an output value";
  let description = [{
    `out[c] = clamp(zp + rescale_c(acc), clamp_min, clamp_max)`, where
    `rescale_c` is the rounding rule applied with channel `c`'s parameters
    (one set for the whole tensor, or one per output channel):

    - `double_round`: `RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(
      acc << max(shift, 0), multiplier), max(-shift, 0))` (gemmlowp, TFLite
      reference kernels);
    - `single_round`: `(acc * multiplier + 2^(30 - shift)) >> (31 - shift)`;
    - `float_half_even`: `round_half_even(float(acc) * scale)`, the rule of
      ONNX Runtime and PyTorch's engines; not integer-only.

    The real scale of an integer rule is `multiplier * 2^(shift - 31)`, with
    `multiplier` in `[2^30, 2^31)` (or 0) and `shift` in `[-31, 30]`.

    ```mlir
    #qint.requant<double_round, zp = 0, clamp = [0, 255],
                  multiplier = [1518500250], shift = [-7]>
    #qint.requant<float_half_even, zp = -3, clamp = [-128, 127], scale = [0.0123]>
    ```
  }];
  let parameters = (ins
    EnumParameter<QInt_Rounding>:$rounding,
    "int32_t":$zeroPoint,
    "int32_t":$clampMin,
    "int32_t":$clampMax,
    "::mlir::DenseI32ArrayAttr":$multiplier,
    "::mlir::DenseI32ArrayAttr":$shift,
    "::mlir::DenseF32ArrayAttr":$scale);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "Rounding":$rounding, "int32_t":$zeroPoint,
                     "int32_t":$clampMin, "int32_t":$clampMax,
                     "::llvm::ArrayRef<int32_t>":$multiplier,
                     "::llvm::ArrayRef<int32_t>":$shift,
                     "::llvm::ArrayRef<float>":$scale), [{
      return $_get($_ctxt, rounding, zeroPoint, clampMin, clampMax,
                   ::mlir::DenseI32ArrayAttr::get($_ctxt, multiplier),
                   ::mlir::DenseI32ArrayAttr::get($_ctxt, shift),
                   ::mlir::DenseF32ArrayAttr::get($_ctxt, scale));
    }]>
  ];
  let extraClassDeclaration = [{
    /// 1 for a per-tensor rule, else the number of output channels.
    int64_t getNumChannels() const;
    bool isIntegerOnly() const { return getRounding() != Rounding::float_half_even; }
  }];
}

class QInt_Op<string mnemonic, list<Trait> traits = []>
    : Op<QInt_Dialect, mnemonic, traits>;

#endif // QCC_QINT_DIALECT
