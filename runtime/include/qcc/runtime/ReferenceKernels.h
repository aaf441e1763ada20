// Portable scalar kernels: the reference every vectorized kernel is tested
// against, and the fallback on any CPU. They read the same descriptors as
// compiled code passes through the C ABI.
#ifndef QCC_RUNTIME_REFERENCEKERNELS_H
#define QCC_RUNTIME_REFERENCEKERNELS_H

#include "qcc/runtime/Requantize.h"
#include "qcc/runtime/qcc_runtime.h"

namespace qcc::rt {

/// The output rule of channel `c` of a requantization descriptor.
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

void fullyConnectedReference(const qcc_rt_fc_desc &desc, const void *input,
                             void *output);
void quantizeReference(const qcc_rt_quant_desc &desc, const float *input,
                       void *output);
void dequantizeReference(const qcc_rt_quant_desc &desc, const void *input,
                         float *output);
void linearF32Reference(const qcc_rt_linear_f32_desc &desc, const float *input,
                        float *output);

/// Checks a descriptor that compiled code hands to the runtime; returns null
/// when it is usable, else what is wrong with it.
const char *validateDescriptor(const void *desc);

} // namespace qcc::rt

#endif // QCC_RUNTIME_REFERENCEKERNELS_H
