// GEMM kernel for Armv8.0 Advanced SIMD (any AArch64 core, Cortex-A53
// included): 16 k at a time, umull/umull2 multiply a row's bytes by a
// column's into 16-bit products and uadalp adds them pairwise into 32-bit
// lanes; a tile of 4 rows x 4 columns keeps 16 such accumulators, reduced
// across lanes once at the end. Both operands are unsigned (the weights
// packed as w' + 128, GemmShape::unsignedWeights): a u8 x u8 product fits
// 16 bits and two of them 32, so every step is exact (the int32 sum wraps
// as the reference's). A signed 8 x 8-bit multiply-add pair could overflow
// 16 bits.
#include "arm/NeonEpilogue.h"

namespace qcc::rt {
namespace {

constexpr int kMr = 4, kNr = 4;

/// Rows [row, row + kMr) of the chunk against one panel, all of k.
void accumulate(const uint8_t *a, int64_t lda, const uint8_t *wp,
                int64_t kPadded, int32_t *acc) {
  uint32x4_t c[kMr][kNr];
  for (int r = 0; r < kMr; ++r)
    for (int j = 0; j < kNr; ++j)
      c[r][j] = vdupq_n_u32(0);
  for (int64_t k = 0; k < kPadded; k += 16) {
    QCC_MCA_BEGIN("neon-4x4");
    uint8x16_t w[kNr];
    for (int j = 0; j < kNr; ++j)
      w[j] = vld1q_u8(wp + (k / 16 * kNr + j) * 16);
    for (int r = 0; r < kMr; ++r) {
      const uint8x16_t x = vld1q_u8(a + r * lda + k);
      for (int j = 0; j < kNr; ++j) {
        c[r][j] =
            vpadalq_u16(c[r][j], vmull_u8(vget_low_u8(x), vget_low_u8(w[j])));
        c[r][j] = vpadalq_u16(c[r][j], vmull_high_u8(x, w[j]));
      }
    }
    QCC_MCA_END("neon-4x4");
  }
  for (int r = 0; r < kMr; ++r) {
    const uint32x4_t sums =
        vpaddq_u32(vpaddq_u32(c[r][0], c[r][1]), vpaddq_u32(c[r][2], c[r][3]));
    vst1q_s32(acc + r * kNr, vreinterpretq_s32_u32(sums));
  }
}

void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *outVoid, int64_t outStride) {
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const auto *wp =
      reinterpret_cast<const uint8_t *>(w.data.get()) + panel * w.kPadded * kNr;
  alignas(16) int32_t acc[kMr * kNr];
  // Rows past `count` (up to a whole tile) are the packing buffer's spare
  // rows: computed, never stored.
  for (int64_t r = 0; r < count; r += kMr) {
    accumulate(rows.row(r), rows.kPadded, wp, w.kPadded, acc);
    const int n = int(count - r < kMr ? count - r : kMr);
    neon::finish(w, rows, r, n, panel, acc, out + r * outStride * outBytes,
                 outStride);
  }
}

} // namespace

const GemmKernels *gemmKernelsNeon() {
  GemmShape shape{kMr, kNr, 16, 4, 16};
  shape.unsignedWeights = true;
  static const GemmKernels kernels{{shape},
                                   1,
                                   /*wideRows=*/false,
                                   DirectRows::kNever,
                                   tiles,
                                   /*windowTiles=*/nullptr};
  return &kernels;
}

} // namespace qcc::rt
