#include "Storage.h"

namespace qcc::rt {

namespace {

void measure(const float *x, int64_t count, const qcc_rt_dynamic_range &range,
             float &scale, int32_t &zeroPoint) {
  float lo, hi;
  measureRange(x, count, lo, hi);
  dynamicQuantParams(lo, hi, dynamicRangeOf(range), scale, zeroPoint);
}

} // namespace

void dynamicFullyConnectedReference(const qcc_rt_dynamic_fc_desc &d,
                                    const float *input, float *output) {
  float xs;
  int32_t xzp;
  measure(input, d.m * d.k, d.range, xs, xzp);
  for (int64_t m = 0; m < d.m; ++m)
    for (int64_t n = 0; n < d.n; ++n) {
      const int32_t wzp =
          d.weight_zero_point[d.weight_zero_point_count > 1 ? n : 0];
      int64_t acc = 0;
      for (int64_t k = 0; k < d.k; ++k) {
        const int32_t q =
            quantizeValue(input[m * d.k + k], xs, xzp, d.range.storage_min,
                          d.range.storage_max);
        acc += int64_t(q - xzp) *
               int64_t(loadInt(d.weight, d.weight_type, n * d.k + k) - wzp);
      }
      const float scale = xs * d.weight_scale[d.weight_scale_count > 1 ? n : 0];
      float v = float(wrapToInt32(acc)) * scale + (d.bias ? d.bias[n] : 0.0f);
      if (d.activation == 1 && v < 0.0f)
        v = 0.0f;
      output[m * d.n + n] = v;
    }
}

void dynamicQuantizeReference(const qcc_rt_dynamic_quantize_desc &d,
                              const float *input, float *output) {
  float s;
  int32_t zp;
  measure(input, d.count, d.range, s, zp);
  for (int64_t i = 0; i < d.count; ++i)
    output[i] =
        dequantizeValue(quantizeValue(input[i], s, zp, d.range.storage_min,
                                      d.range.storage_max),
                        s, zp);
}

void dynamicQuantizeLinearReference(const qcc_rt_dynamic_quantize_desc &d,
                                    const float *input, void *output,
                                    float *scale, void *zeroPoint) {
  int32_t zp;
  measure(input, d.count, d.range, *scale, zp);
  storeInt(zeroPoint, d.output_type, 0, zp);
  for (int64_t i = 0; i < d.count; ++i)
    storeInt(output, d.output_type, i,
             quantizeValue(input[i], *scale, zp, d.range.storage_min,
                           d.range.storage_max));
}

} // namespace qcc::rt
