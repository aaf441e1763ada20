// Depthwise convolution (one output channel per input channel), NHWC:
//
//   out[p][c] = requant_c(bias[c] + sum_t (x[p, t][c] - zx) * (w[t][c] -
//   zw[c]))
//
// computed as sum_t x'[t] * w'[t] + biasAdj[c] - zw'[c] * sum_t x'[t] with
// x' = x as uint8 (int8 input: + 128), w' = w as int8 (uint8 weights:
// - 128), biasAdj[c] = bias[c] - zx' * sum_t w'[t][c] + T * zx' * zw'[c];
// padding reads zx, as the reference does. Vectorized over channels: each
// 32-bit lane holds one channel's x' in its low byte and its weight in the
// low byte of the matching weight lane, so vpdpbusd is an exact 32-bit
// multiply-accumulate.
#ifndef QCC_RUNTIME_OPS_DEPTHWISE_H
#define QCC_RUNTIME_OPS_DEPTHWISE_H

#include "gemm/Gemm.h"

namespace qcc::rt {

struct DepthwiseWeights {
  qcc_rt_window window;
  int64_t channels = 0, channelsPadded = 0, taps = 0;
  int lanes = 16;
  AlignedArray<int32_t> weights;    ///< [taps][channelsPadded], w' in byte 0
  AlignedArray<int32_t> biasAdj;    ///< [channelsPadded]
  AlignedArray<int32_t> zeroPoints; ///< zw' per channel, or null if all 0
  AlignedArray<int64_t> tapOffsets; ///< input byte offset of each tap
  int32_t inputZeroPoint = 0;       ///< zx'
  bool inputSigned = false;
  Epilogue epilogue;
};

/// `pairs16`: weights as 16-bit values in the low half of each lane, for
/// vpmaddwd (AVX2); otherwise as bytes in the low byte, for vpdpbusd.
bool packDepthwise(const qcc_rt_conv2d_desc &d, int lanes, bool pairs16,
                   DepthwiseWeights &out);

/// Computes output rows [rowBegin, rowEnd) (a row: one image row of one
/// batch element) of a depthwise convolution.
using DepthwiseRowsFn = void (*)(const DepthwiseWeights &w,
                                 const uint8_t *input, uint8_t *output,
                                 int64_t rowBegin, int64_t rowEnd);

DepthwiseRowsFn depthwiseAvx512();
DepthwiseRowsFn depthwiseAvxVnni();
DepthwiseRowsFn depthwiseAvx2();

} // namespace qcc::rt

#endif // QCC_RUNTIME_OPS_DEPTHWISE_H
