// Depthwise convolution (one output channel per input channel), NHWC:
//
//   out[p][c] = requant_c(bias[c] + sum_t (x[p, t][c] - zx) * (w[t][c] -
//   zw[c]))
//             = requant_c(biasAdj[c] + sum_t x[p, t][c] * w'[t][c])
//
// with w' = w - zw (|w'| <= 255, an int16) and biasAdj = bias - zx * sum_t w'.
// Padding reads zx, as the reference does, so a padded tap adds zx * w',
// which biasAdj takes away again. Each 32-bit lane holds one channel: the
// input byte sign- or zero-extended, w' in the low 16 bits with zero above,
// so one 16-bit pair multiply-add (vpdpwssd, vpmaddwd) is the exact product
// whatever the signedness of input and weights, and no zero-point sums are
// needed.
#ifndef QCC_RUNTIME_OPS_DEPTHWISE_H
#define QCC_RUNTIME_OPS_DEPTHWISE_H

#include "gemm/Gemm.h"

namespace qcc::rt {

struct DepthwiseWeights {
  qcc_rt_window window;
  int64_t channels = 0, channelsPadded = 0, taps = 0;
  int lanes = 16;
  AlignedArray<int32_t> weights; ///< [taps][channelsPadded], w' as int16
  AlignedArray<int32_t> biasAdj; ///< [channelsPadded]
  /// One image row (in_w * channels bytes) of zx: the rows the padding
  /// adds above and below the image read it.
  AlignedArray<uint8_t> fillRow;
  int32_t inputZeroPoint = 0; ///< zx, as the widened lanes hold it
  bool inputSigned = false;
  Epilogue epilogue;
};

/// `int32Weights`: w' sign-extended to 32 bits, for a plain 32-bit
/// multiply-add (NEON's mla); otherwise as 16 bits with zero above, for the
/// 16-bit pair multiply-adds of x86.
bool packDepthwise(const qcc_rt_conv2d_desc &d, int lanes, bool int32Weights,
                   DepthwiseWeights &out);

/// Computes output rows [rowBegin, rowEnd) (a row: one image row of one
/// batch element) of a depthwise convolution, with `scratch` (64-byte
/// aligned, depthwiseScratchBytes) to itself.
using DepthwiseRowsFn = void (*)(const DepthwiseWeights &w,
                                 const uint8_t *input, uint8_t *output,
                                 int64_t rowBegin, int64_t rowEnd,
                                 uint8_t *scratch);

/// The scratch of one thread: the widened rows of one output row's window
/// (each padded pixel a vector of int32 lanes), and their bookkeeping.
size_t depthwiseScratchBytes(const DepthwiseWeights &w);

DepthwiseRowsFn depthwiseAvx512();
DepthwiseRowsFn depthwiseAvxVnni();
DepthwiseRowsFn depthwiseAvx2();
DepthwiseRowsFn depthwiseNeon();

} // namespace qcc::rt

#endif // QCC_RUNTIME_OPS_DEPTHWISE_H
