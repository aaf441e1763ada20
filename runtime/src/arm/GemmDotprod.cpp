// GEMM kernel for AArch64 with the dot-product instructions (Armv8.2
// FEAT_DotProd: Cortex-A55/A76, Neoverse N1 and later): udot adds four
// u8 x u8 products into each 32-bit lane. A tile is 8 rows x 8 columns, 16
// accumulators; per 16 k each row's bytes are loaded once and each group of
// 4 is broadcast from its lane (the indexed form), against the packed
// weights' 4 columns x 4 k per vector ([k / 4][8][4]). dotprod has no mixed
// unsigned x signed product, so the weights are packed as w' + 128
// (GemmShape::unsignedWeights) and the row sums take the 128 back out.
#include "arm/NeonEpilogue.h"

#pragma GCC push_options
#pragma GCC target("arch=armv8.2-a+dotprod")

namespace qcc::rt {
namespace {

constexpr int kMr = 8, kNr = 8;

void accumulate(const uint8_t *a, int64_t lda, const uint8_t *wp,
                int64_t kPadded, int32_t *acc) {
  uint32x4_t c[kMr][2];
  for (int r = 0; r < kMr; ++r)
    c[r][0] = c[r][1] = vdupq_n_u32(0);
  for (int64_t k = 0; k < kPadded; k += 16) {
    QCC_MCA_BEGIN("dotprod-8x8");
    uint8x16_t x[kMr];
    for (int r = 0; r < kMr; ++r)
      x[r] = vld1q_u8(a + r * lda + k);
    const uint8_t *wk = wp + k * kNr;
#define QCC_GROUP(q)                                                           \
  {                                                                            \
    const uint8x16_t w0 = vld1q_u8(wk + (q)*32);                               \
    const uint8x16_t w1 = vld1q_u8(wk + (q)*32 + 16);                          \
    for (int r = 0; r < kMr; ++r) {                                            \
      c[r][0] = vdotq_laneq_u32(c[r][0], w0, x[r], q);                         \
      c[r][1] = vdotq_laneq_u32(c[r][1], w1, x[r], q);                         \
    }                                                                          \
  }
    QCC_GROUP(0)
    QCC_GROUP(1)
    QCC_GROUP(2)
    QCC_GROUP(3)
#undef QCC_GROUP
    QCC_MCA_END("dotprod-8x8");
  }
  for (int r = 0; r < kMr; ++r) {
    vst1q_s32(acc + r * kNr, vreinterpretq_s32_u32(c[r][0]));
    vst1q_s32(acc + r * kNr + 4, vreinterpretq_s32_u32(c[r][1]));
  }
}

// Each ARM kernel keeps this loop of its own: one template for the three
// changed how GCC compiled the inner loops (llvm-mca: 94 -> 53 % of the
// udot peak on Neoverse N1, 100 -> 36 % for i8mm on V1).
void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *outVoid, int64_t outStride) {
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const auto *wp =
      reinterpret_cast<const uint8_t *>(w.data.get()) + panel * w.kPadded * kNr;
  alignas(16) int32_t acc[kMr * kNr];
  for (int64_t r = 0; r < count; r += kMr) {
    accumulate(rows.row(r), rows.kPadded, wp, w.kPadded, acc);
    const int n = int(count - r < kMr ? count - r : kMr);
    neon::finish(w, rows, r, n, panel, acc, out + r * outStride * outBytes,
                 outStride);
  }
}

} // namespace

const GemmKernels *gemmKernelsDotprod() {
  GemmShape shape{kMr, kNr, 4, 4, 16};
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
#pragma GCC pop_options
