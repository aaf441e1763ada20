#include "ops/Depthwise.h"
#include "reference/Storage.h"

#include <cstring>

namespace qcc::rt {

size_t depthwiseScratchBytes(const DepthwiseWeights &w) {
  const qcc_rt_window &win = w.window;
  const int64_t width =
      (win.out_w - 1) * win.stride_w + (win.kernel_w - 1) * win.dilation_w + 1;
  const int64_t ringRows = int64_t(win.kernel_h - 1) * win.dilation_h + 1;
  return size_t(ringRows * width * w.lanes * 4 + ringRows * 8 +
                int64_t(win.kernel_h) * 8);
}

bool packDepthwise(const qcc_rt_conv2d_desc &d, int lanes, bool int32Weights,
                   DepthwiseWeights &out) {
  const qcc_rt_window &w = d.window;
  out.window = w;
  out.lanes = lanes;
  out.channels = w.channels;
  out.channelsPadded = (w.channels + lanes - 1) / lanes * lanes;
  out.taps = int64_t(w.kernel_h) * w.kernel_w;
  out.weights = alignedArray<int32_t>(size_t(out.taps * out.channelsPadded));
  out.biasAdj = alignedArray<int32_t>(size_t(out.channelsPadded));
  out.fillRow = alignedArray<uint8_t>(size_t(w.in_w * w.channels) + 1);
  if (!out.weights || !out.biasAdj || !out.fillRow)
    return false;
  out.inputSigned = d.input_type == QCC_RT_I8;
  out.inputZeroPoint = d.input_zero_point;
  std::memset(out.fillRow.get(), d.input_zero_point & 0xff,
              size_t(w.in_w * w.channels));
  const bool uint8Weights = d.weight_type == QCC_RT_U8;
  const auto *w8 = static_cast<const uint8_t *>(d.weight);
  const auto *bias = static_cast<const int32_t *>(d.bias);
  const int64_t zx = d.input_zero_point;
  for (int64_t c = 0; c < w.channels; ++c) {
    const int32_t zw =
        d.weight_zero_point[d.weight_zero_point_count > 1 ? c : 0];
    int64_t sum = 0;
    for (int64_t t = 0; t < out.taps; ++t) {
      // OHWI with one input channel per group: weight[c][ky][kx][0].
      const int32_t raw = uint8Weights ? int32_t(w8[c * out.taps + t])
                                       : int32_t(int8_t(w8[c * out.taps + t]));
      const int32_t v = raw - zw;
      sum += v;
      out.weights[t * out.channelsPadded + c] =
          int32Weights ? v : int32_t(uint16_t(int16_t(v)));
    }
    const int64_t b = bias ? bias[c] : 0;
    out.biasAdj[c] = wrapToInt32(b - zx * sum);
  }
  return expandEpilogue(requantOrRaw(d.requant), d.output_type, w.channels,
                        out.channelsPadded, lanes, out.epilogue);
}

} // namespace qcc::rt
