// ONNX tensors and types in MLIR terms.
#include "Importer.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include <cmath>

using namespace mlir;
using ::onnx::TensorProto;

namespace qcc::onnx {

Type elementType(MLIRContext *ctx, int32_t t) {
  switch (t) {
  case TensorProto::FLOAT:
    return Float32Type::get(ctx);
  case TensorProto::UINT8:
    return IntegerType::get(ctx, 8, IntegerType::Unsigned);
  case TensorProto::INT8:
    return IntegerType::get(ctx, 8);
  case TensorProto::INT32:
    return IntegerType::get(ctx, 32);
  case TensorProto::INT64:
    return IntegerType::get(ctx, 64);
  case TensorProto::BOOL:
    return IntegerType::get(ctx, 1);
  default:
    return nullptr;
  }
}

std::string shapeText(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? ", " : "") + std::to_string(d);
  return s + "]";
}

const char *onnxTypeName(int32_t t) {
  switch (t) {
  case TensorProto::FLOAT:
    return "float";
  case TensorProto::UINT8:
    return "uint8";
  case TensorProto::INT8:
    return "int8";
  case TensorProto::UINT16:
    return "uint16";
  case TensorProto::INT16:
    return "int16";
  case TensorProto::INT32:
    return "int32";
  case TensorProto::INT64:
    return "int64";
  case TensorProto::STRING:
    return "string";
  case TensorProto::BOOL:
    return "bool";
  case TensorProto::FLOAT16:
    return "float16";
  case TensorProto::DOUBLE:
    return "double";
  case TensorProto::BFLOAT16:
    return "bfloat16";
  default:
    return "an unknown type";
  }
}

template <typename T>
static DenseElementsAttr fromRaw(RankedTensorType type, const std::string &raw,
                                 int64_t count, std::string &why) {
  if (int64_t(raw.size()) != count * int64_t(sizeof(T))) {
    why = "raw data of " + std::to_string(raw.size()) + " bytes for " +
          std::to_string(count) + " elements";
    return {};
  }
  std::vector<T> v(static_cast<size_t>(count));
  if (count)
    std::memcpy(v.data(), raw.data(), raw.size());
  return DenseElementsAttr::get(type, ArrayRef<T>(v));
}

DenseElementsAttr tensorValue(MLIRContext *ctx, const TensorProto &t,
                              std::string &why) {
  if (t.data_location() == TensorProto::EXTERNAL) {
    why = "tensor data stored outside the model file is not supported";
    return {};
  }
  Type element = elementType(ctx, t.data_type());
  if (!element || t.data_type() == TensorProto::BOOL) {
    why = std::string("tensors of type ") + onnxTypeName(t.data_type()) +
          " are not supported";
    return {};
  }
  SmallVector<int64_t> shape(t.dims().begin(), t.dims().end());
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0) {
      why = "negative dimension";
      return {};
    }
    if (d > 0 && count > (int64_t(1) << 31) / d) {
      why = "more than 2^31 elements";
      return {};
    }
    count *= d;
  }
  auto type = RankedTensorType::get(shape, element);
  const bool raw = t.has_raw_data();
  auto wrongCount = [&](int64_t n) {
    why = std::to_string(n) + " values for " + std::to_string(count) +
          " elements";
    return DenseElementsAttr();
  };
  switch (t.data_type()) {
  case TensorProto::FLOAT:
    if (raw)
      return fromRaw<float>(type, t.raw_data(), count, why);
    if (t.float_data_size() != count)
      return wrongCount(t.float_data_size());
    return DenseElementsAttr::get(
        type, ArrayRef<float>(t.float_data().data(), size_t(count)));
  case TensorProto::INT64:
    if (raw)
      return fromRaw<int64_t>(type, t.raw_data(), count, why);
    if (t.int64_data_size() != count)
      return wrongCount(t.int64_data_size());
    return DenseElementsAttr::get(
        type, ArrayRef<int64_t>(t.int64_data().data(), size_t(count)));
  case TensorProto::INT32:
    if (raw)
      return fromRaw<int32_t>(type, t.raw_data(), count, why);
    if (t.int32_data_size() != count)
      return wrongCount(t.int32_data_size());
    return DenseElementsAttr::get(
        type, ArrayRef<int32_t>(t.int32_data().data(), size_t(count)));
  case TensorProto::UINT8:
  case TensorProto::INT8: {
    const bool isSigned = t.data_type() == TensorProto::INT8;
    if (raw)
      return isSigned ? fromRaw<int8_t>(type, t.raw_data(), count, why)
                      : fromRaw<uint8_t>(type, t.raw_data(), count, why);
    if (t.int32_data_size() != count)
      return wrongCount(t.int32_data_size());
    // 8-bit values travel in int32 fields: one outside the type is a
    // malformed model, not something to truncate.
    const int32_t lo = isSigned ? -128 : 0, hi = isSigned ? 127 : 255;
    std::vector<uint8_t> bytes;
    for (int32_t v : t.int32_data()) {
      if (v < lo || v > hi) {
        why = "value " + std::to_string(v) + " is outside the range of " +
              onnxTypeName(t.data_type()) + " [" + std::to_string(lo) + ", " +
              std::to_string(hi) + "]";
        return {};
      }
      bytes.push_back(uint8_t(v));
    }
    return DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(reinterpret_cast<const char *>(bytes.data()),
                             bytes.size()));
  }
  default:
    why = std::string("tensors of type ") + onnxTypeName(t.data_type()) +
          " are not supported";
    return {};
  }
}

SmallVector<double> toDoubles(DenseElementsAttr a) {
  SmallVector<double> out;
  if (auto f = dyn_cast<DenseFPElementsAttr>(a)) {
    for (APFloat v : f.getValues<APFloat>())
      out.push_back(v.convertToFloat());
    return out;
  }
  for (int64_t v : toInts(a))
    out.push_back(double(v));
  return out;
}

SmallVector<int64_t> toInts(DenseElementsAttr a) {
  SmallVector<int64_t> out;
  auto it = cast<IntegerType>(a.getElementType());
  for (APInt v : a.getValues<APInt>())
    out.push_back(it.isUnsigned() ? int64_t(v.getZExtValue())
                                  : v.getSExtValue());
  return out;
}

Type quantizedType(MLIRContext *ctx, DenseElementsAttr scale,
                   DenseElementsAttr zeroPoint, int32_t storageType,
                   int64_t axis, ArrayRef<int64_t> shape, std::string &why) {
  if (!isa<FloatType>(scale.getElementType()) ||
      !scale.getElementType().isF32()) {
    why = "the scale must be float";
    return nullptr;
  }
  if (scale.getType().getRank() > 1) {
    why = "the scale has rank " + std::to_string(scale.getType().getRank()) +
          "; a scalar or a 1-D tensor (per axis) was expected";
    return nullptr;
  }
  SmallVector<double> scales = toDoubles(scale);
  if (scales.empty()) {
    why = "the scale is empty";
    return nullptr;
  }
  unsigned width;
  bool isSigned;
  switch (storageType) {
  case TensorProto::UINT8:
    width = 8, isSigned = false;
    break;
  case TensorProto::INT8:
    width = 8, isSigned = true;
    break;
  case TensorProto::INT32:
    width = 32, isSigned = true;
    break;
  default:
    why = std::string("quantization to ") + onnxTypeName(storageType) +
          " is not supported (uint8, int8, and int32 biases)";
    return nullptr;
  }
  SmallVector<int64_t> zps(scales.size(), 0);
  if (zeroPoint) {
    if (!isa<IntegerType>(zeroPoint.getElementType())) {
      why = "the zero point is not an integer tensor";
      return nullptr;
    }
    zps = toInts(zeroPoint);
    if (zps.size() != scales.size()) {
      why = "the zero point has " + std::to_string(zps.size()) +
            " values for " + std::to_string(scales.size()) + " scales";
      return nullptr;
    }
  }
  const int64_t lo =
      quant::QuantizedType::getDefaultMinimumForInteger(isSigned, width);
  const int64_t hi =
      quant::QuantizedType::getDefaultMaximumForInteger(isSigned, width);
  for (size_t i = 0; i < scales.size(); ++i) {
    if (!std::isfinite(scales[i]) || !(scales[i] > 0.0)) {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%g", scales[i]);
      why = std::string("scale ") + buf +
            (scales.size() > 1 ? " of channel " + std::to_string(i) : "") +
            " is not positive and finite";
      return nullptr;
    }
    if (zps[i] < lo || zps[i] > hi) {
      why = "zero point " + std::to_string(zps[i]) + " is outside [" +
            std::to_string(lo) + ", " + std::to_string(hi) + "]";
      return nullptr;
    }
  }
  auto storage = IntegerType::get(ctx, width);
  auto f32 = Float32Type::get(ctx);
  unsigned flags = isSigned ? quant::QuantizationFlags::Signed : 0;
  const bool perAxis = scale.getType().getRank() == 1 && scales.size() > 1;
  if (!perAxis)
    return quant::UniformQuantizedType::get(flags, storage, f32, scales[0],
                                            zps[0], lo, hi);
  const int64_t rank = int64_t(shape.size());
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank || shape[axis] != int64_t(scales.size())) {
    why = std::to_string(scales.size()) + " scales do not match axis " +
          std::to_string(axis) + " of a tensor of rank " + std::to_string(rank);
    return nullptr;
  }
  return quant::UniformQuantizedPerAxisType::get(flags, storage, f32, scales,
                                                 zps, int32_t(axis), lo, hi);
}

} // namespace qcc::onnx
