#include "Storage.h"

namespace qcc::rt {

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

void addReference(const qcc_rt_add_desc &d, const void *a, const void *b,
                  void *output) {
  const qcc_rt_requant &o = d.output;
  for (int64_t i = 0; i < d.count; ++i) {
    const int32_t x = loadInt(a, d.type, i), y = loadInt(b, d.type, i);
    int32_t r;
    if (o.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
      r = addFloat(x, y, d.a_zero_point, d.b_zero_point, d.a_rescale.scale[0],
                   d.b_rescale.scale[0], o.output_zero_point, o.clamp_min,
                   o.clamp_max);
    } else {
      r = addQuantized(x, y, d.a_zero_point, d.b_zero_point, d.left_shift,
                       {d.a_rescale.multiplier[0], d.a_rescale.shift[0]},
                       {d.b_rescale.multiplier[0], d.b_rescale.shift[0]},
                       {o.multiplier[0], o.shift[0]}, Rounding(o.rounding),
                       o.output_zero_point, o.clamp_min, o.clamp_max);
    }
    storeInt(output, d.type, i, r);
  }
}

void requantizeReference(const qcc_rt_requantize_desc &d, const void *input,
                         void *output) {
  for (int64_t i = 0; i < d.count; ++i)
    storeInt(output, d.output_type, i,
             requantizeChannel(d.requant, 0,
                               loadInt(input, d.input_type, i) -
                                   d.input_zero_point));
}

void clipF32Reference(const qcc_rt_clip_f32_desc &d, const float *input,
                      float *output) {
  for (int64_t i = 0; i < d.count; ++i) {
    const float v = input[i];
    output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
  }
}

void binaryF32Reference(const qcc_rt_binary_f32_desc &d, const float *a,
                        const float *b, float *output) {
  int64_t total = 1;
  for (int32_t i = 0; i < d.rank; ++i)
    total *= d.out_shape[i];
  int64_t index[QCC_RT_MAX_RANK] = {};
  for (int64_t o = 0; o < total; ++o) {
    int64_t ia = 0, ib = 0;
    for (int32_t i = 0; i < d.rank; ++i) {
      ia += index[i] * d.a_strides[i];
      ib += index[i] * d.b_strides[i];
    }
    output[o] = d.op == 0 ? a[ia] + b[ib] : a[ia] * b[ib];
    for (int32_t i = d.rank - 1; i >= 0; --i) {
      if (++index[i] < d.out_shape[i])
        break;
      index[i] = 0;
    }
  }
}

} // namespace qcc::rt
