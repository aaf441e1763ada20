// What every fusion pattern matches and builds: quantized inputs and
// outputs, constant weights and biases, storage casts, NHWC layout.
#ifndef QCC_PASSES_FUSION_FUSIONCOMMON_H
#define QCC_PASSES_FUSION_FUSIONCOMMON_H

#include "dialects/QGraph/QGraphDialect.h"
#include "dialects/QInt/QIntDialect.h"
#include "dialects/QuantTypeChecks.h"
#include "passes/Numerics.h"

#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <string>

namespace qcc::fusion {

/// A per-tensor 8-bit quantized value that a dequantize turns into `v`.
struct QuantizedInput {
  mlir::Value quantized;
  mlir::quant::UniformQuantizedType type;
};
mlir::FailureOr<QuantizedInput>
matchQuantizedInput(mlir::Value v, llvm::StringRef what, std::string &reason);

/// Where a float result is quantized: the quantize reading it directly or
/// through one relu or clip, per tensor, with the clamp bounds that the
/// activation implies (quantization is monotone, so it commutes with them).
struct QuantizedOutput {
  qgraph::QuantizeOp quantize;
  mlir::quant::UniformQuantizedType type;
  int32_t zeroPoint = 0, clampMin = 0, clampMax = 0;
  mlir::Operation *activation = nullptr;
};
mlir::FailureOr<QuantizedOutput> matchQuantizedOutput(mlir::Value result,
                                                      std::string &reason);
/// The same for a known quantize and activation (relu, clip or null).
mlir::FailureOr<QuantizedOutput> quantizedOutputOf(qgraph::QuantizeOp quantize,
                                                   mlir::Operation *activation,
                                                   std::string &reason);

/// A constant quantized to 8 bits, per tensor or along `axis`, that a
/// dequantize turns into `v`.
struct QuantizedWeight {
  qgraph::ConstantOp constant;
  QuantParams params;
};
mlir::FailureOr<QuantizedWeight>
matchQuantizedWeight(mlir::Value v, int32_t axis, std::string &reason);

/// An int32 constant bias with zero point 0 at scale s_in * s_w[c] (within
/// 1e-5 relative: exporters round that product to float32).
mlir::FailureOr<qgraph::ConstantOp>
matchBias(mlir::Value bias, double inScale, llvm::ArrayRef<double> weightScales,
          std::string &reason);

/// A quantized value as its integers, and back.
mlir::Value toStorage(mlir::PatternRewriter &rewriter, mlir::Location loc,
                      mlir::Value quantized);
mlir::Value fromStorage(mlir::PatternRewriter &rewriter, mlir::Location loc,
                        mlir::Value integers, mlir::Type quantizedTensorType);

/// The integer tensor type that stores a quantized tensor type.
mlir::RankedTensorType storageTensorType(mlir::Type quantizedTensorType);

/// NCHW <-> NHWC transposes around image operations, which qint computes in
/// NHWC; consecutive ones fold.
mlir::Value toNhwc(mlir::PatternRewriter &rewriter, mlir::Location loc,
                   mlir::Value nchw);
mlir::Value toNchw(mlir::PatternRewriter &rewriter, mlir::Location loc,
                   mlir::Value nhwc);

/// One zero point for all channels when they agree.
llvm::SmallVector<int32_t> compactZeroPoints(llvm::ArrayRef<int64_t> zps);

std::string formatScale(double s);

} // namespace qcc::fusion

#endif // QCC_PASSES_FUSION_FUSIONCOMMON_H
