#include "Storage.h"

namespace qcc::rt {

namespace {

/// Input row and column of window position (ky, kx) for output (oy, ox).
inline int64_t inputRow(const qcc_rt_window &w, int64_t oy, int64_t ky) {
  return oy * w.stride_h + ky * w.dilation_h - w.pad_top;
}
inline int64_t inputCol(const qcc_rt_window &w, int64_t ox, int64_t kx) {
  return ox * w.stride_w + kx * w.dilation_w - w.pad_left;
}

} // namespace

void conv2dReference(const qcc_rt_conv2d_desc &d, const void *input,
                     void *output) {
  const qcc_rt_window &w = d.window;
  const int64_t cpg = w.channels / d.groups;
  const int64_t opg = d.out_channels / d.groups;
  const auto *bias = static_cast<const int32_t *>(d.bias);
  for (int64_t b = 0; b < w.batch; ++b)
    for (int64_t oy = 0; oy < w.out_h; ++oy)
      for (int64_t ox = 0; ox < w.out_w; ++ox)
        for (int64_t oc = 0; oc < d.out_channels; ++oc) {
          const int64_t g = oc / opg;
          const int32_t wzp =
              d.weight_zero_point[d.weight_zero_point_count > 1 ? oc : 0];
          int64_t acc = bias ? bias[oc] : 0;
          for (int64_t ky = 0; ky < w.kernel_h; ++ky) {
            const int64_t iy = inputRow(w, oy, ky);
            for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
              const int64_t ix = inputCol(w, ox, kx);
              const bool inside =
                  iy >= 0 && iy < w.in_h && ix >= 0 && ix < w.in_w;
              for (int64_t ci = 0; ci < cpg; ++ci) {
                // Padding reads the zero point: it contributes nothing.
                const int32_t x = inside ? loadInt(input, d.input_type,
                                                   ((b * w.in_h + iy) * w.in_w +
                                                    ix) * w.channels +
                                                       g * cpg + ci)
                                         : d.input_zero_point;
                const int32_t wv = loadInt(
                    d.weight, d.weight_type,
                    ((oc * w.kernel_h + ky) * w.kernel_w + kx) * cpg + ci);
                acc += int64_t(x - d.input_zero_point) * int64_t(wv - wzp);
              }
            }
          }
          storeInt(output, d.output_type,
                   ((b * w.out_h + oy) * w.out_w + ox) * d.out_channels + oc,
                   finishAccumulator(d.requant, oc, wrapToInt32(acc)));
        }
}

void conv2dF32Reference(const qcc_rt_conv2d_desc &d, const float *input,
                        float *output) {
  const qcc_rt_window &w = d.window;
  const int64_t cpg = w.channels / d.groups;
  const int64_t opg = d.out_channels / d.groups;
  const auto *weight = static_cast<const float *>(d.weight);
  const auto *bias = static_cast<const float *>(d.bias);
  for (int64_t b = 0; b < w.batch; ++b)
    for (int64_t oc = 0; oc < d.out_channels; ++oc) {
      const int64_t g = oc / opg;
      for (int64_t oy = 0; oy < w.out_h; ++oy)
        for (int64_t ox = 0; ox < w.out_w; ++ox) {
          float acc = bias ? bias[oc] : 0.0f;
          for (int64_t ci = 0; ci < cpg; ++ci)
            for (int64_t ky = 0; ky < w.kernel_h; ++ky) {
              const int64_t iy = inputRow(w, oy, ky);
              if (iy < 0 || iy >= w.in_h)
                continue;
              for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
                const int64_t ix = inputCol(w, ox, kx);
                if (ix < 0 || ix >= w.in_w)
                  continue;
                acc += input[((b * w.channels + g * cpg + ci) * w.in_h + iy) *
                                 w.in_w +
                             ix] *
                       weight[((oc * cpg + ci) * w.kernel_h + ky) * w.kernel_w +
                              kx];
              }
            }
          output[((b * d.out_channels + oc) * w.out_h + oy) * w.out_w + ox] =
              acc;
        }
    }
}

} // namespace qcc::rt
