#include "dialects/QuantTypeChecks.h"

#include <cmath>

using namespace mlir;

namespace qcc {

quant::QuantizedType getQuantizedElementType(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  return dyn_cast<quant::QuantizedType>(type);
}

IntegerType storageIntegerType(quant::QuantizedType type) {
  unsigned width = type.getStorageTypeIntegralWidth();
  return IntegerType::get(type.getContext(), width,
                          type.isSigned() ? IntegerType::Signless
                                          : IntegerType::Unsigned);
}

QuantParams getQuantParams(quant::QuantizedType type) {
  QuantParams p;
  p.storageMin = type.getStorageTypeMin();
  p.storageMax = type.getStorageTypeMax();
  p.isSigned = type.isSigned();
  p.storageWidth = type.getStorageTypeIntegralWidth();
  if (auto uniform = dyn_cast<quant::UniformQuantizedType>(type)) {
    p.scales.push_back(uniform.getScale());
    p.zeroPoints.push_back(uniform.getZeroPoint());
  } else if (auto axis = dyn_cast<quant::UniformQuantizedPerAxisType>(type)) {
    p.scales.assign(axis.getScales().begin(), axis.getScales().end());
    p.zeroPoints.assign(axis.getZeroPoints().begin(),
                        axis.getZeroPoints().end());
    p.axis = axis.getQuantizedDimension();
  }
  return p;
}

LogicalResult
verifyQuantizedType(Type type, StringRef what,
                    function_ref<InFlightDiagnostic()> emitError) {
  auto shaped = dyn_cast<ShapedType>(type);
  auto qtype = getQuantizedElementType(type);
  if (!qtype)
    return emitError() << what << " is not quantized: " << type;
  if (!isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
          qtype))
    return emitError() << what << " has an unsupported quantization " << qtype
                       << " (only !quant.uniform, per tensor or per axis)";
  if (!qtype.getExpressedType().isF32())
    return emitError() << what << " expresses " << qtype.getExpressedType()
                       << ", qcc supports f32 only";
  unsigned width = qtype.getStorageTypeIntegralWidth();
  if (width != 8 && width != 32)
    return emitError() << what << " is stored in " << width
                       << " bits; qcc supports 8-bit values and 32-bit biases "
                          "and accumulators";
  QuantParams p = getQuantParams(qtype);
  for (size_t i = 0; i < p.scales.size(); ++i) {
    double s = p.scales[i];
    if (!std::isfinite(s) || !(s > 0.0)) {
      auto diag = emitError() << what << " has scale " << s;
      if (p.axis >= 0)
        diag << " in channel " << i;
      return diag << ": a scale must be positive and finite";
    }
    int64_t zp = p.zeroPoints[i];
    if (zp < p.storageMin || zp > p.storageMax) {
      auto diag = emitError() << what << " has zero point " << zp;
      if (p.axis >= 0)
        diag << " in channel " << i;
      return diag << " outside its storage range [" << p.storageMin << ", "
                  << p.storageMax << "]";
    }
  }
  if (p.axis >= 0 && shaped && shaped.hasRank()) {
    if (p.axis >= shaped.getRank())
      return emitError() << what << " is quantized along axis " << p.axis
                         << " but has rank " << shaped.getRank();
    int64_t dim = shaped.getDimSize(p.axis);
    if (!ShapedType::isDynamic(dim) && dim != int64_t(p.scales.size()))
      return emitError() << what << " has " << p.scales.size()
                         << " scales for axis " << p.axis << " of size " << dim;
  }
  return success();
}

} // namespace qcc
