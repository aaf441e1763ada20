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
//
// Byte taps (packDepthwise with byteTaps, when every w' fits int8 and the
// dilation across is 1): each 32-bit lane holds four horizontal taps of one
// channel as bytes, weights as int8 and inputs as the kernel's dot product
// takes them, uint8 for vpdpbusd, int8 for sdot (the other type offset by
// 128, the zero point with it), so one byte dot product adds four taps,
// exactly, and a 3x3 window takes three.
#ifndef QCC_RUNTIME_OPS_DEPTHWISE_H
#define QCC_RUNTIME_OPS_DEPTHWISE_H

#include "gemm/Gemm.h"

#include <cstring>

namespace qcc::rt {

struct DepthwiseWeights {
  qcc_rt_window window;
  int64_t channels = 0, channelsPadded = 0, taps = 0;
  int lanes = 16;
  /// Four taps across per lane (tapGroups = ceil(kernel_w / 4)).
  bool byteTaps = false;
  int64_t tapGroups = 0;
  /// [taps][channelsPadded], w' as int16; with byteTaps,
  /// [kernel_h][tapGroups][channelsPadded], four int8 w' (taps 4g..4g+3 of
  /// the row, 0 past the kernel) in each.
  AlignedArray<int32_t> weights;
  AlignedArray<int32_t> biasAdj; ///< [channelsPadded]
  int32_t inputZeroPoint = 0;    ///< zx, as the widened lanes or bytes hold it
  bool inputSigned = false;
  Epilogue epilogue;
};

/// The byte-tap kernel a path has: none, or one whose dot products take
/// uint8 inputs (vpdpbusd) or int8 inputs (sdot).
enum class ByteTaps { kNone, kUint8Inputs, kInt8Inputs };

/// `int32Weights`: w' sign-extended to 32 bits, for a plain 32-bit
/// multiply-add (NEON's mla); otherwise as 16 bits with zero above, for the
/// 16-bit pair multiply-adds of x86. `byteTaps`: the path's byte-tap
/// kernel; the weights are packed for it when the layer allows
/// (out.byteTaps).
bool packDepthwise(const qcc_rt_conv2d_desc &d, int lanes, bool int32Weights,
                   ByteTaps byteTaps, DepthwiseWeights &out);

/// Computes output rows [rowBegin, rowEnd) (a row: one image row of one
/// batch element) of a depthwise convolution, with `scratch` (64-byte
/// aligned, depthwiseScratchBytes) to itself.
using DepthwiseRowsFn = void (*)(const DepthwiseWeights &w,
                                 const uint8_t *input, uint8_t *output,
                                 int64_t rowBegin, int64_t rowEnd,
                                 uint8_t *scratch);

/// The input bytes of a pixel's first `n` channels of a block, in the low
/// bytes of T and zero above them; nothing past them is read. The 256- and
/// 128-bit kernels widen them from a register.
template <typename T> inline T channelBytes(const uint8_t *p, int n) {
  T bytes = 0;
  std::memcpy(&bytes, p, n < int(sizeof(T)) ? size_t(n) : sizeof(T));
  return bytes;
}

/// Which input rows a kernel's ring holds: the (kernel_h - 1) * dilation_h
/// + 1 rows of one output row's window, input row iy (>= -pad_top; < 0 in
/// the padding) in ring row (iy + pad_top) mod that, so that with stride 1
/// each output row makes one new row. `held` (scratch, `rows` entries) records
/// them.
class RowRing {
public:
  RowRing(const qcc_rt_window &w, int64_t *held)
      : rows(rowsOf(w)), padTop(w.pad_top), held(held) {}
  static int64_t rowsOf(const qcc_rt_window &w) {
    return int64_t(w.kernel_h - 1) * w.dilation_h + 1;
  }
  /// Forgets every row: a new channel block, or a new image.
  void clear() {
    for (int64_t i = 0; i < rows; ++i)
      held[i] = INT64_MIN;
  }
  /// The ring row of input row iy; `fill`: it holds another row, and is
  /// now recorded as holding iy, which the caller makes.
  int64_t slot(int64_t iy, bool &fill) {
    const int64_t m = (iy + padTop) % rows;
    fill = held[m] != iy;
    held[m] = iy;
    return m;
  }

  const int64_t rows;

private:
  int64_t padTop;
  int64_t *held;
};

/// The most bytes of each input pixel that a byte-tap kernel's group of
/// channel blocks spans (ops/DepthwiseBytesFamily.h, kByteTapBlocks).
constexpr int64_t kMaxByteTapGroupBytes = 128;

/// The rings of a group of channel blocks of the pair-tap kernels
/// (ops/DepthwisePairsFamily.h): as many blocks as fit, at least one. A
/// group reads each line of its input rows once, so the larger the better
/// while the rings stay in L2: every layer of MobileNetV2 is one group
/// (stride 2 on 96x112x112, avx2: 16 KB 197.7, 32 KB 182.3, 64 KB 174.7,
/// 128 KB 165.1 us; avx512-vnni 124.2, 114.2, 105.1, 98.2 us).
constexpr int64_t kPairRingBytes = 128 * 1024;

/// The scratch bytes before the rings' bookkeeping on the kernels that
/// widen (not byte taps): one widened ring, or the pair-tap kernels' group
/// of rings (kPairRingBytes), whichever is the larger.
int64_t pairRingScratchBytes(const DepthwiseWeights &w);

/// The scratch of one thread: the widened rows of one output row's window
/// (each padded pixel a vector of int32 lanes), or the byte-tap kernels'
/// rings of quads for a group of blocks, and their bookkeeping.
size_t depthwiseScratchBytes(const DepthwiseWeights &w);

DepthwiseRowsFn depthwiseAvx512();
DepthwiseRowsFn depthwiseBytesAvx512();
DepthwiseRowsFn depthwiseAvxVnni();
DepthwiseRowsFn depthwiseBytesAvxVnni();
DepthwiseRowsFn depthwiseAvx2();
DepthwiseRowsFn depthwiseNeon();
DepthwiseRowsFn depthwiseBytesDotprod();

} // namespace qcc::rt

#endif // QCC_RUNTIME_OPS_DEPTHWISE_H
