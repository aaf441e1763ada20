// GEMM kernel for AArch64 with the int8 matrix multiply (Armv8.6 FEAT_I8MM:
// Neoverse V1/N2, Cortex-A710 and later): usmmla multiplies a 2 x 8 block
// of uint8 rows by an 8 x 2 block of int8 weights into a 2 x 2 block of
// int32, 32 exact products per instruction, unsigned by signed as the
// packed operands are. A tile is 8 rows x 8 columns: 4 row pairs x 4
// column pairs of accumulators. The weights' packed layout ([k / 8][8][8])
// holds each column's 8 k together, so a vector is a column pair; the rows
// are rearranged once per chunk into pairs interleaved by 8 bytes
// (interleavePairs), so that a row pair is one load too: assembling it
// from two 8-byte loads took a vector-pipe slot per four usmmla, 21 % of
// Neoverse V1's peak in llvm-mca.
#include "arm/NeonEpilogue.h"

#include <cstring>

#pragma GCC push_options
#pragma GCC target("arch=armv8.2-a+i8mm")

namespace qcc::rt {
namespace {

constexpr int kMr = 8, kNr = 8;

/// Rows 2p and 2p + 1 of the chunk become, in their place, 16-byte blocks
/// of 8 bytes of each: [r0 k0-7][r1 k0-7][r0 k8-15][r1 k8-15]...
void interleavePairs(const PackedRows &rows, int64_t count) {
  const int64_t k = rows.kPadded;
  for (int64_t r = 0; r < count; r += 2) {
    uint8_t *pair = rows.row(r);
    std::memcpy(rows.spare, pair, size_t(2 * k));
    for (int64_t j = 0; j < k; j += 8) {
      std::memcpy(pair + 2 * j, rows.spare + j, 8);
      std::memcpy(pair + 2 * j + 8, rows.spare + k + j, 8);
    }
  }
}

/// Rows [0, kMr) of `a` (interleaved pairs, 2 * kPadded bytes each).
void accumulate(const uint8_t *a, int64_t lda, const int8_t *wp,
                int64_t kPadded, int32_t *acc) {
  int32x4_t c[kMr / 2][kNr / 2];
  for (int p = 0; p < kMr / 2; ++p)
    for (int q = 0; q < kNr / 2; ++q)
      c[p][q] = vdupq_n_s32(0);
  for (int64_t k = 0; k < kPadded; k += 8) {
    QCC_MCA_BEGIN("i8mm-8x8");
    uint8x16_t x[kMr / 2];
    for (int p = 0; p < kMr / 2; ++p)
      x[p] = vld1q_u8(a + 2 * p * lda + 2 * k);
    const int8_t *wk = wp + k * kNr;
    int8x16_t w[kNr / 2];
    for (int q = 0; q < kNr / 2; ++q)
      w[q] = vld1q_s8(wk + q * 16);
    for (int p = 0; p < kMr / 2; ++p)
      for (int q = 0; q < kNr / 2; ++q)
        c[p][q] = vusmmlaq_s32(c[p][q], x[p], w[q]);
    QCC_MCA_END("i8mm-8x8");
  }
  // c[p][q] = rows 2p, 2p+1 x columns 2q, 2q+1: [r0c0 r0c1 r1c0 r1c1].
  for (int p = 0; p < kMr / 2; ++p)
    for (int h = 0; h < 2; ++h) {
      const int64x2_t lo = vreinterpretq_s64_s32(c[p][2 * h]);
      const int64x2_t hi = vreinterpretq_s64_s32(c[p][2 * h + 1]);
      vst1q_s32(acc + 2 * p * kNr + 4 * h,
                vreinterpretq_s32_s64(vzip1q_s64(lo, hi)));
      vst1q_s32(acc + (2 * p + 1) * kNr + 4 * h,
                vreinterpretq_s32_s64(vzip2q_s64(lo, hi)));
    }
}

void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *outVoid, int64_t outStride) {
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const int8_t *wp = w.data.get() + panel * w.kPadded * kNr;
  alignas(16) int32_t acc[kMr * kNr];
  for (int64_t r = 0; r < count; r += kMr) {
    accumulate(rows.row(r), rows.kPadded, wp, w.kPadded, acc);
    const int n = int(count - r < kMr ? count - r : kMr);
    neon::finish(w, rows, r, n, panel, acc, out + r * outStride * outBytes,
                 outStride);
  }
}

} // namespace

const GemmKernels *gemmKernelsI8mm() {
  static const GemmKernels kernels{{{kMr, kNr, 8, 4, 8}},
                                   1,
                                   /*wideRows=*/false,
                                   DirectRows::kNever,
                                   tiles,
                                   /*windowTiles=*/nullptr,
                                   interleavePairs};
  return &kernels;
}

} // namespace qcc::rt
#pragma GCC pop_options
