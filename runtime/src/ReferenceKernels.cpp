#include "qcc/runtime/ReferenceKernels.h"

#include <cstring>

namespace qcc::rt {
namespace {

int32_t loadInt(const void *base, int32_t type, int64_t i) {
  switch (type) {
  case QCC_RT_I8:
    return static_cast<const int8_t *>(base)[i];
  case QCC_RT_U8:
    return static_cast<const uint8_t *>(base)[i];
  default:
    return static_cast<const int32_t *>(base)[i];
  }
}

void storeInt(void *base, int32_t type, int64_t i, int32_t v) {
  switch (type) {
  case QCC_RT_I8:
    static_cast<int8_t *>(base)[i] = int8_t(v);
    break;
  case QCC_RT_U8:
    static_cast<uint8_t *>(base)[i] = uint8_t(v);
    break;
  default:
    static_cast<int32_t *>(base)[i] = v;
    break;
  }
}

bool isStorageType(int32_t t) {
  return t == QCC_RT_I8 || t == QCC_RT_U8 || t == QCC_RT_I32;
}

int32_t storageMin(int32_t t) {
  return t == QCC_RT_I8 ? -128 : t == QCC_RT_U8 ? 0 : kInt32Min;
}
int32_t storageMax(int32_t t) {
  return t == QCC_RT_I8 ? 127 : t == QCC_RT_U8 ? 255 : kInt32Max;
}

const char *validateRequant(const qcc_rt_requant &r, int64_t channels,
                            int32_t outputType) {
  if (r.channels != 1 && r.channels != channels)
    return "requantization has neither 1 nor one scale per output channel";
  if (r.clamp_min > r.clamp_max || r.clamp_min < storageMin(outputType) ||
      r.clamp_max > storageMax(outputType))
    return "clamp bounds are empty or outside the output type";
  switch (Rounding(r.rounding)) {
  case Rounding::DoubleRound:
  case Rounding::SingleRound:
    if (!r.multiplier || !r.shift)
      return "integer requantization without multipliers";
    for (int32_t c = 0; c < r.channels; ++c) {
      if (r.multiplier[c] < 0 || r.shift[c] < -31 || r.shift[c] > 30)
        return "multiplier or shift out of range";
      if (r.multiplier[c] != 0 && r.multiplier[c] < (1 << 30))
        return "multiplier is not normalized to [2^30, 2^31)";
    }
    return nullptr;
  case Rounding::FloatHalfEven:
    if (!r.scale)
      return "float requantization without scales";
    for (int32_t c = 0; c < r.channels; ++c)
      if (!(r.scale[c] > 0.0f) || !std::isfinite(r.scale[c]))
        return "float requantization scale is not positive and finite";
    return nullptr;
  }
  return "unknown rounding rule";
}

} // namespace

void fullyConnectedReference(const qcc_rt_fc_desc &d, const void *input,
                             void *output) {
  for (int64_t m = 0; m < d.m; ++m) {
    for (int64_t n = 0; n < d.n; ++n) {
      const int32_t wzp =
          d.weight_zero_point[d.weight_zero_point_count > 1 ? n : 0];
      int64_t acc = d.bias ? d.bias[n] : 0;
      for (int64_t k = 0; k < d.k; ++k) {
        const int32_t x = loadInt(input, d.input_type, m * d.k + k);
        const int32_t w = loadInt(d.weight, d.weight_type, n * d.k + k);
        acc += int64_t(x - d.input_zero_point) * int64_t(w - wzp);
      }
      // The accumulator is int32 by definition (as in every int8 library);
      // the compiler refuses shapes whose worst case could exceed it.
      storeInt(output, d.output_type, m * d.n + n,
               requantizeChannel(d.requant, n, int32_t(acc)));
    }
  }
}

void quantizeReference(const qcc_rt_quant_desc &d, const float *input,
                       void *output) {
  for (int64_t i = 0; i < d.count; ++i) {
    const int64_t c = d.channels > 1 ? (i / d.inner) % d.channels : 0;
    storeInt(
        output, d.type, i,
        quantizeValue(input[i], d.scale[c], d.zero_point[c], d.qmin, d.qmax));
  }
}

void dequantizeReference(const qcc_rt_quant_desc &d, const void *input,
                         float *output) {
  for (int64_t i = 0; i < d.count; ++i) {
    const int64_t c = d.channels > 1 ? (i / d.inner) % d.channels : 0;
    output[i] =
        dequantizeValue(loadInt(input, d.type, i), d.scale[c], d.zero_point[c]);
  }
}

void linearF32Reference(const qcc_rt_linear_f32_desc &d, const float *input,
                        float *output) {
  for (int64_t m = 0; m < d.m; ++m)
    for (int64_t n = 0; n < d.n; ++n) {
      float acc = d.bias ? d.bias[n] : 0.0f;
      for (int64_t k = 0; k < d.k; ++k)
        acc += input[m * d.k + k] * d.weight[n * d.k + k];
      output[m * d.n + n] = acc;
    }
}

const char *validateDescriptor(const void *desc) {
  if (!desc)
    return "null operation descriptor";
  int32_t kind;
  std::memcpy(&kind, desc, sizeof(kind));
  switch (kind) {
  case QCC_RT_OP_FULLY_CONNECTED: {
    const auto &d = *static_cast<const qcc_rt_fc_desc *>(desc);
    if (d.m < 0 || d.k <= 0 || d.n <= 0)
      return "fully connected with empty dimensions";
    if (!isStorageType(d.input_type) || !isStorageType(d.weight_type) ||
        !isStorageType(d.output_type) || d.input_type == QCC_RT_I32 ||
        d.weight_type == QCC_RT_I32)
      return "fully connected with an unsupported element type";
    if (!d.weight || !d.weight_zero_point ||
        (d.weight_zero_point_count != 1 && d.weight_zero_point_count != d.n))
      return "fully connected without weights or weight zero points";
    return validateRequant(d.requant, d.n, d.output_type);
  }
  case QCC_RT_OP_QUANTIZE:
  case QCC_RT_OP_DEQUANTIZE: {
    const auto &d = *static_cast<const qcc_rt_quant_desc *>(desc);
    if (!isStorageType(d.type) || d.count < 0 || d.channels < 1 ||
        d.inner < 1 || !d.scale || !d.zero_point || d.qmin > d.qmax)
      return "malformed quantize/dequantize descriptor";
    for (int64_t c = 0; c < d.channels; ++c)
      if (!(d.scale[c] > 0.0f) || !std::isfinite(d.scale[c]))
        return "quantization scale is not positive and finite";
    return nullptr;
  }
  case QCC_RT_OP_LINEAR_F32: {
    const auto &d = *static_cast<const qcc_rt_linear_f32_desc *>(desc);
    if (d.m < 0 || d.k <= 0 || d.n <= 0 || !d.weight)
      return "malformed float linear descriptor";
    return nullptr;
  }
  default:
    return "unknown operation kind";
  }
}

} // namespace qcc::rt
