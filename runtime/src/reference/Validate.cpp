// What the runtime checks of the descriptors compiled code hands it, once,
// when a context is created: a malformed or foreign object file is refused
// with a reason instead of running off the end of an array.
#include "Storage.h"

#include <cmath>
#include <cstring>
#include <initializer_list>

namespace qcc::rt {

namespace {

bool isIntType(int32_t t) {
  return t == QCC_RT_I8 || t == QCC_RT_U8 || t == QCC_RT_I32;
}
bool is8Bit(int32_t t) { return t == QCC_RT_I8 || t == QCC_RT_U8; }

/// A requantization into `outputType` with 1 or `channels` channels.
const char *checkRequant(const qcc_rt_requant &r, int64_t channels,
                         int32_t outputType) {
  if (r.rounding == QCC_RT_NO_REQUANT)
    return outputType == QCC_RT_I32 ? nullptr
                                    : "a raw accumulator must be int32";
  if (r.channels != 1 && r.channels != channels)
    return "requantization has neither 1 nor one scale per channel";
  if (r.clamp_min > r.clamp_max || r.clamp_min < storageMin(outputType) ||
      r.clamp_max > storageMax(outputType))
    return "clamp bounds are empty or outside the output type";
  switch (r.rounding) {
  case QCC_RT_ROUND_DOUBLE:
  case QCC_RT_ROUND_SINGLE:
    if (!r.multiplier || !r.shift)
      return "integer requantization without multipliers";
    for (int32_t c = 0; c < r.channels; ++c) {
      if (r.multiplier[c] < 0 || r.shift[c] < -31 || r.shift[c] > 30)
        return "multiplier or shift out of range";
      if (r.multiplier[c] != 0 && r.multiplier[c] < (1 << 30))
        return "multiplier is not normalized to [2^30, 2^31)";
    }
    return nullptr;
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    if (!r.scale)
      return "float requantization without scales";
    for (int32_t c = 0; c < r.channels; ++c)
      if (!(r.scale[c] > 0.0f) || !std::isfinite(r.scale[c]))
        return "float requantization scale is not positive and finite";
    return nullptr;
  }
  return "unknown rounding rule";
}

const char *checkWindow(const qcc_rt_window &w) {
  if (w.batch < 1 || w.in_h < 1 || w.in_w < 1 || w.channels < 1 ||
      w.out_h < 1 || w.out_w < 1 || w.kernel_h < 1 || w.kernel_w < 1 ||
      w.stride_h < 1 || w.stride_w < 1 || w.dilation_h < 1 ||
      w.dilation_w < 1 || w.pad_top < 0 || w.pad_left < 0 || w.pad_bottom < 0 ||
      w.pad_right < 0)
    return "window with empty or negative dimensions";
  // Every output position must see at least one input element.
  if (w.pad_top >= (w.kernel_h - 1) * w.dilation_h + 1 ||
      w.pad_left >= (w.kernel_w - 1) * w.dilation_w + 1)
    return "padding as large as the window";
  return nullptr;
}

const char *checkWeights(const void *weight, const int32_t *zp, int32_t zpCount,
                         int64_t channels) {
  if (!weight || !zp || (zpCount != 1 && zpCount != channels))
    return "weights or weight zero points missing";
  return nullptr;
}

/// A dynamic quantization range whose values are stored as `type`.
const char *checkRange(const qcc_rt_dynamic_range &r, int32_t type) {
  if (r.qmin >= r.qmax || r.storage_min > r.storage_max ||
      r.qmin < r.storage_min || r.qmax > r.storage_max ||
      r.storage_min < storageMin(type) || r.storage_max > storageMax(type) ||
      !(r.fallback_scale > 0.0f) || !std::isfinite(r.fallback_scale))
    return "malformed dynamic quantization range";
  return nullptr;
}

/// Every window of a pooling must see an input element: an average over
/// none has no divisor, a maximum over none no value. Dilation and padding
/// can leave a window in the padding, and a descriptor can claim more
/// outputs than the image has.
const char *checkPoolCoverage(const qcc_rt_window &w) {
  auto covered = [](int64_t out, int32_t kernel, int32_t stride,
                    int32_t dilation, int32_t pad, int64_t in) {
    for (int64_t o = 0; o < out; ++o) {
      bool seen = false;
      for (int32_t k = 0; k < kernel && !seen; ++k) {
        const int64_t i = o * stride + int64_t(k) * dilation - pad;
        seen = i >= 0 && i < in;
      }
      if (!seen)
        return false;
    }
    return true;
  };
  if (!covered(w.out_h, w.kernel_h, w.stride_h, w.dilation_h, w.pad_top,
               w.in_h) ||
      !covered(w.out_w, w.kernel_w, w.stride_w, w.dilation_w, w.pad_left,
               w.in_w))
    return "a pooling window sees no input element";
  return nullptr;
}

} // namespace

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
    if (!is8Bit(d.input_type) || !is8Bit(d.weight_type) ||
        !isIntType(d.output_type))
      return "fully connected with an unsupported element type";
    if (const char *e = checkWeights(d.weight, d.weight_zero_point,
                                     d.weight_zero_point_count, d.n))
      return e;
    return checkRequant(d.requant, d.n, d.output_type);
  }
  case QCC_RT_OP_CONV2D:
  case QCC_RT_OP_CONV2D_F32: {
    const auto &d = *static_cast<const qcc_rt_conv2d_desc *>(desc);
    if (const char *e = checkWindow(d.window))
      return e;
    if (d.groups < 1 || d.window.channels % d.groups ||
        d.out_channels % d.groups || d.out_channels < 1)
      return "convolution groups do not divide the channels";
    if (kind == QCC_RT_OP_CONV2D_F32)
      return d.weight ? nullptr : "float convolution without weights";
    if (!is8Bit(d.input_type) || !is8Bit(d.weight_type) ||
        !isIntType(d.output_type))
      return "convolution with an unsupported element type";
    if (const char *e = checkWeights(d.weight, d.weight_zero_point,
                                     d.weight_zero_point_count, d.out_channels))
      return e;
    return checkRequant(d.requant, d.out_channels, d.output_type);
  }
  case QCC_RT_OP_ADD: {
    const auto &d = *static_cast<const qcc_rt_add_desc *>(desc);
    if (!is8Bit(d.type) || d.count < 0 || d.left_shift < 0 || d.left_shift > 22)
      return "malformed add descriptor";
    for (const qcc_rt_requant *r : {&d.a_rescale, &d.b_rescale})
      if (r->rounding != d.output.rounding || checkRequant(*r, 1, QCC_RT_I32))
        return "add input rescaling does not match its output rule";
    return checkRequant(d.output, 1, d.type);
  }
  case QCC_RT_OP_REQUANTIZE: {
    const auto &d = *static_cast<const qcc_rt_requantize_desc *>(desc);
    if (!is8Bit(d.input_type) || !is8Bit(d.output_type) || d.count < 0)
      return "malformed requantize descriptor";
    return checkRequant(d.requant, 1, d.output_type);
  }
  case QCC_RT_OP_MAX_POOL2D:
  case QCC_RT_OP_AVG_POOL2D:
  case QCC_RT_OP_MAX_POOL2D_F32:
  case QCC_RT_OP_AVG_POOL2D_F32: {
    const auto &d = *static_cast<const qcc_rt_pool2d_desc *>(desc);
    if (const char *e = checkWindow(d.window))
      return e;
    if (const char *e = checkPoolCoverage(d.window))
      return e;
    if (kind == QCC_RT_OP_MAX_POOL2D_F32 || kind == QCC_RT_OP_AVG_POOL2D_F32)
      return nullptr;
    if (!is8Bit(d.type))
      return "pooling of an unsupported element type";
    if (kind == QCC_RT_OP_MAX_POOL2D)
      return nullptr;
    const int64_t window = int64_t(d.window.kernel_h) * d.window.kernel_w;
    if (d.requant.channels != 1 && d.requant.channels != window)
      return "average pool needs one rescaling, or one per divisor";
    return checkRequant(d.requant, window, d.type);
  }
  case QCC_RT_OP_CONCAT: {
    const auto &d = *static_cast<const qcc_rt_concat_desc *>(desc);
    if (d.num_inputs < 1 || d.outer < 0 || !d.inner_elements)
      return "malformed concat descriptor";
    if (!d.requants)
      return nullptr;
    if (!d.input_zero_points || !is8Bit(d.input_type) || !is8Bit(d.output_type))
      return "requantizing concat without zero points or of non 8-bit types";
    for (int32_t i = 0; i < d.num_inputs; ++i)
      if (const char *e = checkRequant(d.requants[i], 1, d.output_type))
        return e;
    return nullptr;
  }
  case QCC_RT_OP_TRANSPOSE: {
    const auto &d = *static_cast<const qcc_rt_transpose_desc *>(desc);
    if (d.rank < 1 || d.rank > QCC_RT_MAX_RANK || d.element_bytes < 1)
      return "malformed transpose descriptor";
    bool seen[QCC_RT_MAX_RANK] = {};
    for (int32_t i = 0; i < d.rank; ++i) {
      if (d.perm[i] < 0 || d.perm[i] >= d.rank || seen[d.perm[i]])
        return "transpose permutation is not a permutation";
      seen[d.perm[i]] = true;
    }
    return nullptr;
  }
  case QCC_RT_OP_DYNAMIC_FULLY_CONNECTED: {
    const auto &d = *static_cast<const qcc_rt_dynamic_fc_desc *>(desc);
    if (d.m < 0 || d.k <= 0 || d.n <= 0 || !is8Bit(d.weight_type) ||
        !d.weight_scale ||
        (d.weight_scale_count != 1 && d.weight_scale_count != d.n))
      return "malformed dynamic fully connected descriptor";
    if (const char *e = checkWeights(d.weight, d.weight_zero_point,
                                     d.weight_zero_point_count, d.n))
      return e;
    // The quantized input is internal: signed or unsigned 8-bit.
    return checkRange(d.range, d.range.storage_min < 0 ? QCC_RT_I8 : QCC_RT_U8);
  }
  case QCC_RT_OP_DYNAMIC_QUANTIZE: {
    const auto &d = *static_cast<const qcc_rt_dynamic_quantize_desc *>(desc);
    if (d.count < 0 || !is8Bit(d.output_type))
      return "malformed dynamic quantize descriptor";
    return checkRange(d.range, d.output_type);
  }
  case QCC_RT_OP_QUANTIZE:
  case QCC_RT_OP_DEQUANTIZE: {
    const auto &d = *static_cast<const qcc_rt_quant_desc *>(desc);
    if (!isIntType(d.type) || d.count < 0 || d.channels < 1 || d.inner < 1 ||
        !d.scale || !d.zero_point || d.qmin > d.qmax ||
        d.qmin < storageMin(d.type) || d.qmax > storageMax(d.type))
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
  case QCC_RT_OP_BINARY_F32: {
    const auto &d = *static_cast<const qcc_rt_binary_f32_desc *>(desc);
    if (d.rank < 0 || d.rank > QCC_RT_MAX_RANK || (d.op != 0 && d.op != 1))
      return "malformed float binary descriptor";
    return nullptr;
  }
  case QCC_RT_OP_CLIP_F32: {
    const auto &d = *static_cast<const qcc_rt_clip_f32_desc *>(desc);
    if (d.count < 0 || d.min > d.max)
      return "malformed float clip descriptor";
    return nullptr;
  }
  default:
    return "unknown operation kind";
  }
}

} // namespace qcc::rt
