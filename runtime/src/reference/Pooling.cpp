#include "Storage.h"

#include <limits>

namespace qcc::rt {

namespace {

/// Calls f(iy, ix, inside, padded) for every position of the window of
/// (oy, ox): inside the image, or inside the explicit padding around it.
template <typename F>
void forWindow(const qcc_rt_window &w, int64_t oy, int64_t ox, F f) {
  for (int64_t ky = 0; ky < w.kernel_h; ++ky) {
    const int64_t iy = oy * w.stride_h + ky * w.dilation_h - w.pad_top;
    for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
      const int64_t ix = ox * w.stride_w + kx * w.dilation_w - w.pad_left;
      f(iy, ix, iy >= 0 && iy < w.in_h && ix >= 0 && ix < w.in_w,
        iy < w.in_h + w.pad_bottom && ix < w.in_w + w.pad_right);
    }
  }
}

} // namespace

void pool2dReference(const qcc_rt_pool2d_desc &d, const void *input,
                     void *output) {
  const qcc_rt_window &w = d.window;
  const bool isMax = d.kind == QCC_RT_OP_MAX_POOL2D;
  for (int64_t b = 0; b < w.batch; ++b)
    for (int64_t oy = 0; oy < w.out_h; ++oy)
      for (int64_t ox = 0; ox < w.out_w; ++ox)
        for (int64_t c = 0; c < w.channels; ++c) {
          int32_t best = std::numeric_limits<int32_t>::min();
          int64_t sum = 0, count = 0;
          forWindow(
              w, oy, ox, [&](int64_t iy, int64_t ix, bool inside, bool padded) {
                if (!inside) {
                  // Padding is the zero point: it adds nothing to the sum.
                  count += d.count_include_pad && padded ? 1 : 0;
                  return;
                }
                const int32_t x =
                    loadInt(input, d.type,
                            ((b * w.in_h + iy) * w.in_w + ix) * w.channels + c);
                best = x > best ? x : best;
                sum += x - d.input_zero_point;
                ++count;
              });
          const int64_t o =
              ((b * w.out_h + oy) * w.out_w + ox) * w.channels + c;
          if (isMax) {
            storeInt(output, d.type, o, best);
            continue;
          }
          // One rescaling per divisor: s_in / (s_out * count).
          storeInt(output, d.type, o,
                   requantizeChannel(d.requant, count - 1, int32_t(sum)));
        }
}

void pool2dF32Reference(const qcc_rt_pool2d_desc &d, const float *input,
                        float *output) {
  const qcc_rt_window &w = d.window;
  const bool isMax = d.kind == QCC_RT_OP_MAX_POOL2D_F32;
  for (int64_t b = 0; b < w.batch; ++b)
    for (int64_t c = 0; c < w.channels; ++c)
      for (int64_t oy = 0; oy < w.out_h; ++oy)
        for (int64_t ox = 0; ox < w.out_w; ++ox) {
          float best = -std::numeric_limits<float>::infinity(), sum = 0.0f;
          int64_t count = 0;
          forWindow(
              w, oy, ox, [&](int64_t iy, int64_t ix, bool inside, bool padded) {
                if (!inside) {
                  count += d.count_include_pad && padded ? 1 : 0;
                  return;
                }
                const float x =
                    input[((b * w.channels + c) * w.in_h + iy) * w.in_w + ix];
                best = x > best ? x : best;
                sum += x;
                ++count;
              });
          output[((b * w.channels + c) * w.out_h + oy) * w.out_w + ox] =
              isMax ? best : sum / float(count);
        }
}

} // namespace qcc::rt
