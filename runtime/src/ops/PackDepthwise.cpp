#include "ops/Depthwise.h"
#include "reference/Storage.h"

#include <vector>

namespace qcc::rt {

bool packDepthwise(const qcc_rt_conv2d_desc &d, int lanes, bool pairs16,
                   DepthwiseWeights &out) {
  const qcc_rt_window &w = d.window;
  out.window = w;
  out.lanes = lanes;
  out.channels = w.channels;
  out.channelsPadded = (w.channels + lanes - 1) / lanes * lanes;
  out.taps = int64_t(w.kernel_h) * w.kernel_w;
  out.weights = alignedArray<int32_t>(size_t(out.taps * out.channelsPadded));
  out.biasAdj = alignedArray<int32_t>(size_t(out.channelsPadded));
  out.tapOffsets = alignedArray<int64_t>(size_t(out.taps));
  if (!out.weights || !out.biasAdj || !out.tapOffsets)
    return false;
  out.inputSigned = d.input_type == QCC_RT_I8;
  out.inputZeroPoint = d.input_zero_point + (out.inputSigned ? 128 : 0);
  const bool uint8Weights = d.weight_type == QCC_RT_U8;
  const auto *w8 = static_cast<const uint8_t *>(d.weight);
  const auto *bias = static_cast<const int32_t *>(d.bias);
  bool anyZeroPoint = false;
  std::vector<int32_t> zw(size_t(w.channels));
  for (int64_t c = 0; c < w.channels; ++c) {
    const int32_t z =
        d.weight_zero_point[d.weight_zero_point_count > 1 ? c : 0];
    zw[size_t(c)] = uint8Weights ? z - 128 : z;
    anyZeroPoint |= zw[size_t(c)] != 0;
  }
  if (anyZeroPoint) {
    out.zeroPoints = alignedArray<int32_t>(size_t(out.channelsPadded));
    if (!out.zeroPoints)
      return false;
  }
  const int64_t za = out.inputZeroPoint;
  for (int64_t c = 0; c < w.channels; ++c) {
    int64_t sum = 0;
    for (int64_t t = 0; t < out.taps; ++t) {
      // OHWI with one input channel per group: weight[c][ky][kx][0].
      const int32_t v = uint8Weights ? int32_t(w8[c * out.taps + t]) - 128
                                     : int32_t(int8_t(w8[c * out.taps + t]));
      sum += v;
      out.weights[t * out.channelsPadded + c] =
          pairs16 ? int32_t(uint16_t(int16_t(v))) : int32_t(uint8_t(int8_t(v)));
    }
    const int64_t b = bias ? bias[c] : 0;
    out.biasAdj[c] = wrapToInt32(b - za * sum + out.taps * za * zw[size_t(c)]);
    if (anyZeroPoint)
      out.zeroPoints[c] = zw[size_t(c)];
  }
  for (int64_t ky = 0; ky < w.kernel_h; ++ky)
    for (int64_t kx = 0; kx < w.kernel_w; ++kx)
      out.tapOffsets[ky * w.kernel_w + kx] =
          (ky * w.dilation_h * w.in_w + kx * w.dilation_w) * w.channels;
  return expandEpilogue(
      d.requant.rounding == QCC_RT_NO_REQUANT ? nullptr : &d.requant,
      d.output_type, w.channels, out.channelsPadded, lanes, out.epilogue);
}

} // namespace qcc::rt
