// Small queries on QDQ graphs shared by the folding and fusion patterns.
#ifndef QCC_PASSES_QDQMATCHERS_H
#define QCC_PASSES_QDQMATCHERS_H

#include "dialects/QGraph/QGraphDialect.h"
#include "dialects/QuantTypeChecks.h"

namespace qcc {

/// The quantized type `v` was dequantized from, if `v` is a dequantize result.
inline mlir::quant::QuantizedType dequantizedType(mlir::Value v) {
  auto dq = v.getDefiningOp<qgraph::DequantizeOp>();
  return dq ? getQuantizedElementType(dq.getInput().getType()) : nullptr;
}

/// A per-tensor uniform type, or null.
inline mlir::quant::UniformQuantizedType
perTensor(mlir::quant::QuantizedType t) {
  return llvm::dyn_cast_or_null<mlir::quant::UniformQuantizedType>(t);
}

/// Scales of a per-tensor type, or of a per-axis type quantized along `axis`
/// (one per slice); empty for anything else.
inline llvm::SmallVector<double> scalesAlong(mlir::quant::QuantizedType t,
                                             int32_t axis) {
  if (!t)
    return {};
  QuantParams p = getQuantParams(t);
  if (p.axis >= 0 && p.axis != axis)
    return {};
  return p.scales;
}

/// The quantized constant a dequantize reads, if any.
inline qgraph::ConstantOp dequantizedConstant(mlir::Value v) {
  auto dq = v.getDefiningOp<qgraph::DequantizeOp>();
  return dq ? dq.getInput().getDefiningOp<qgraph::ConstantOp>() : nullptr;
}

} // namespace qcc

#endif // QCC_PASSES_QDQMATCHERS_H
