// Portable scalar kernels: the reference every vectorized kernel is tested
// against, and the fallback on any CPU. They read the same descriptors as
// compiled code passes through the C ABI.
#ifndef QCC_RUNTIME_REFERENCEKERNELS_H
#define QCC_RUNTIME_REFERENCEKERNELS_H

#include "qcc/runtime/Requantize.h"
#include "qcc/runtime/qcc_runtime.h"

namespace qcc::rt {

/// The output rule of channel `c` of a requantization descriptor (c is
/// ignored for a per-tensor one).
inline int32_t requantizeChannel(const qcc_rt_requant &r, int64_t c,
                                 int32_t acc) {
  const int64_t i = r.channels > 1 ? c : 0;
  QuantizedMultiplier m;
  float scale = 0.0f;
  if (Rounding(r.rounding) == Rounding::FloatHalfEven) {
    scale = r.scale[i];
  } else {
    m.multiplier = r.multiplier[i];
    m.shift = r.shift[i];
  }
  return requantize(acc, Rounding(r.rounding), m, scale, r.output_zero_point,
                    r.clamp_min, r.clamp_max);
}

/// The quantization of a run-time range, as the descriptor says.
inline DynamicRange dynamicRangeOf(const qcc_rt_dynamic_range &r) {
  return {r.qmin, r.qmax, r.storage_min, r.storage_max, r.fallback_scale};
}

// Integer kernels.
void fullyConnectedReference(const qcc_rt_fc_desc &desc, const void *input,
                             void *output);
void conv2dReference(const qcc_rt_conv2d_desc &desc, const void *input,
                     void *output);
void addReference(const qcc_rt_add_desc &desc, const void *a, const void *b,
                  void *output);
void requantizeReference(const qcc_rt_requantize_desc &desc, const void *input,
                         void *output);
void pool2dReference(const qcc_rt_pool2d_desc &desc, const void *input,
                     void *output);
void concatReference(const qcc_rt_concat_desc &desc, const void *const *inputs,
                     void *output);
void transposeReference(const qcc_rt_transpose_desc &desc, const void *input,
                        void *output);

// Conversions at the boundaries and run-time quantization.
void quantizeReference(const qcc_rt_quant_desc &desc, const float *input,
                       void *output);
void dequantizeReference(const qcc_rt_quant_desc &desc, const void *input,
                         float *output);
void dynamicFullyConnectedReference(const qcc_rt_dynamic_fc_desc &desc,
                                    const float *input, float *output);
void dynamicQuantizeReference(const qcc_rt_dynamic_quantize_desc &desc,
                              const float *input, float *output);
void dynamicQuantizeLinearReference(const qcc_rt_dynamic_quantize_desc &desc,
                                    const float *input, void *output,
                                    float *scale, void *zeroPoint);

// Float fallbacks for what the compiler could not fuse.
void linearF32Reference(const qcc_rt_linear_f32_desc &desc, const float *input,
                        float *output);
void conv2dF32Reference(const qcc_rt_conv2d_desc &desc, const float *input,
                        float *output);
void pool2dF32Reference(const qcc_rt_pool2d_desc &desc, const float *input,
                        float *output);
void binaryF32Reference(const qcc_rt_binary_f32_desc &desc, const float *a,
                        const float *b, float *output);
void clipF32Reference(const qcc_rt_clip_f32_desc &desc, const float *input,
                      float *output);

/// Checks a descriptor that compiled code hands to the runtime; returns null
/// when it is usable, else what is wrong with it.
const char *validateDescriptor(const void *desc);

} // namespace qcc::rt

#endif // QCC_RUNTIME_REFERENCEKERNELS_H
