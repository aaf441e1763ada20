#include "ops/Depthwise.h"
#include "reference/Storage.h"

#include <algorithm>

namespace qcc::rt {

size_t depthwiseScratchBytes(const DepthwiseWeights &w) {
  const qcc_rt_window &win = w.window;
  const int64_t ringRows = RowRing::rowsOf(win);
  const int64_t book = ringRows * 8 + int64_t(win.kernel_h) * 8;
  if (w.byteTaps) {
    // A ring of quads per block of a group (ops/DepthwiseBytesFamily.h).
    const int64_t quads =
        (win.out_w - 1) * win.stride_w + 4 * (w.tapGroups - 1) + 1;
    return size_t(kMaxByteTapGroupBytes / w.lanes * ringRows * quads * w.lanes *
                      4 +
                  book);
  }
  return size_t(pairRingScratchBytes(w) + book);
}

int64_t pairRingScratchBytes(const DepthwiseWeights &w) {
  const qcc_rt_window &win = w.window;
  const int64_t width =
      (win.out_w - 1) * win.stride_w + (win.kernel_w - 1) * win.dilation_w + 1;
  const int64_t ring = RowRing::rowsOf(win) * width * w.lanes * 4;
  return ring > kPairRingBytes ? ring : kPairRingBytes;
}

namespace {

/// w - zw of channel c, tap t.
struct TapWeights {
  const qcc_rt_conv2d_desc &d;
  int64_t taps;
  int32_t operator()(int64_t c, int64_t t) const {
    const auto *w8 = static_cast<const uint8_t *>(d.weight);
    const int32_t zw =
        d.weight_zero_point[d.weight_zero_point_count > 1 ? c : 0];
    // OHWI with one input channel per group: weight[c][ky][kx][0].
    const uint8_t raw = w8[c * taps + t];
    return (d.weight_type == QCC_RT_U8 ? int32_t(raw) : int32_t(int8_t(raw))) -
           zw;
  }
};

bool tapsFitInt8(const TapWeights &tap, int64_t channels) {
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t t = 0; t < tap.taps; ++t) {
      const int32_t v = tap(c, t);
      if (v < -128 || v > 127)
        return false;
    }
  return true;
}

} // namespace

bool packDepthwise(const qcc_rt_conv2d_desc &d, int lanes, bool int32Weights,
                   ByteTaps byteTaps, DepthwiseWeights &out) {
  const qcc_rt_window &w = d.window;
  out.window = w;
  out.lanes = lanes;
  out.channels = w.channels;
  out.channelsPadded = (w.channels + lanes - 1) / lanes * lanes;
  out.taps = int64_t(w.kernel_h) * w.kernel_w;
  const TapWeights tap{d, out.taps};
  out.byteTaps = byteTaps != ByteTaps::kNone && w.dilation_w == 1 &&
                 tapsFitInt8(tap, w.channels);
  out.tapGroups = (w.kernel_w + 3) / 4;
  out.weights = alignedArray<int32_t>(
      size_t((out.byteTaps ? w.kernel_h * out.tapGroups : out.taps) *
             out.channelsPadded));
  out.biasAdj = alignedArray<int32_t>(size_t(out.channelsPadded));
  if (!out.weights || !out.biasAdj)
    return false;
  out.inputSigned = d.input_type == QCC_RT_I8;
  // Byte taps read the input as their dot product takes it: int8 as uint8
  // (x + 128) for vpdpbusd, uint8 as int8 (x - 128) for sdot; the zero
  // point likewise.
  int64_t zx = d.input_zero_point;
  if (out.byteTaps && out.inputSigned && byteTaps == ByteTaps::kUint8Inputs)
    zx += 128;
  if (out.byteTaps && !out.inputSigned && byteTaps == ByteTaps::kInt8Inputs)
    zx -= 128;
  out.inputZeroPoint = int32_t(zx);
  const auto *bias = static_cast<const int32_t *>(d.bias);
  const int64_t cp = out.channelsPadded;
  int64_t bound = 0;
  for (int64_t c = 0; c < w.channels; ++c) {
    int64_t sum = 0, sumAbs = 0;
    for (int64_t t = 0; t < out.taps; ++t) {
      const int32_t v = tap(c, t);
      sum += v;
      sumAbs += v < 0 ? -v : v;
      if (out.byteTaps) {
        const int64_t ky = t / w.kernel_w, kx = t % w.kernel_w;
        auto *quad = reinterpret_cast<uint8_t *>(
            &out.weights[(ky * out.tapGroups + kx / 4) * cp + c]);
        quad[kx % 4] = uint8_t(int8_t(v));
      } else {
        out.weights[t * cp + c] =
            int32Weights ? v : int32_t(uint16_t(int16_t(v)));
      }
    }
    const int64_t b = bias ? bias[c] : 0;
    bound = std::max(bound, accumulatorBound(sumAbs, b));
    out.biasAdj[c] = wrapToInt32(b - zx * sum);
  }
  return expandEpilogue(requantOrRaw(d.requant), d.output_type, w.channels,
                        out.channelsPadded, lanes, bound, out.epilogue);
}

} // namespace qcc::rt
