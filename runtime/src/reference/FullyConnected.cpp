#include "Storage.h"

namespace qcc::rt {

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
      storeInt(output, d.output_type, m * d.n + n,
               finishAccumulator(d.requant, n, wrapToInt32(acc)));
    }
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

} // namespace qcc::rt
