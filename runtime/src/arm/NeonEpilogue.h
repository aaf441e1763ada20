// The epilogue of a GEMM tile on AArch64: the accumulators of a tile
// (int32, [rows][nr]) plus the bias and zero-point terms, requantized and
// stored, 4 columns at a time. Shared by the NEON, dotprod and i8mm
// kernels.
#ifndef QCC_RUNTIME_ARM_NEONEPILOGUE_H
#define QCC_RUNTIME_ARM_NEONEPILOGUE_H

#include "arm/NeonRequant.h"

namespace qcc::rt::neon {
namespace {

template <int Rule, bool LeftShift, bool Out32>
void finishAs(const PackedWeights &w, const PackedRows &rows, int64_t row,
              int rowCount, int64_t panel, const int32_t *acc, uint8_t *out,
              int64_t outStride) {
  const Epilogue &e = w.epilogue;
  const int nr = w.shape.nr;
  const int64_t firstCol = panel * nr;
  const int64_t cols = w.n - firstCol < nr ? w.n - firstCol : nr;
  constexpr size_t outBytes = Out32 ? 4 : 1;
  for (int v = 0; v * 4 < nr; ++v) {
    const int64_t col = firstCol + v * 4;
    const int left = int(cols - v * 4 < 4 ? cols - v * 4 : 4);
    if (left <= 0)
      break;
    const int32x4_t bias = vld1q_s32(w.biasAdj.get() + col);
    const ColumnParams params = loadParams(e, col);
    const int32x4_t zw =
        w.zeroPoints ? vld1q_s32(w.zeroPoints.get() + col) : vdupq_n_s32(0);
    for (int r = 0; r < rowCount; ++r) {
      int32x4_t x = vaddq_s32(vld1q_s32(acc + r * nr + v * 4), bias);
      if (w.zeroPoints)
        x = vmlsq_n_s32(x, zw, rows.rowSums[row + r]);
      store<Out32>(out + (r * outStride + v * 4) * outBytes,
                   requantize<Rule, LeftShift>(params, x), left);
    }
  }
}

void finish(const PackedWeights &w, const PackedRows &rows, int64_t row,
            int rowCount, int64_t panel, const int32_t *acc, uint8_t *out,
            int64_t outStride) {
  const Epilogue &e = w.epilogue;
  const bool out32 = e.outputType == QCC_RT_I32;
#define QCC_FINISH(rule, left, o32)                                            \
  return finishAs<rule, left, o32>(w, rows, row, rowCount, panel, acc, out,    \
                                   outStride)
  switch (e.rounding) {
  case QCC_RT_NO_REQUANT:
    QCC_FINISH(QCC_RT_NO_REQUANT, false, true);
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    if (out32)
      QCC_FINISH(QCC_RT_ROUND_FLOAT_HALF_EVEN, false, true);
    QCC_FINISH(QCC_RT_ROUND_FLOAT_HALF_EVEN, false, false);
  case QCC_RT_ROUND_SINGLE:
    if (out32)
      QCC_FINISH(QCC_RT_ROUND_SINGLE, false, true);
    QCC_FINISH(QCC_RT_ROUND_SINGLE, false, false);
  default:
    if (e.anyLeftShift) {
      if (out32)
        QCC_FINISH(QCC_RT_ROUND_DOUBLE, true, true);
      QCC_FINISH(QCC_RT_ROUND_DOUBLE, true, false);
    }
    if (out32)
      QCC_FINISH(QCC_RT_ROUND_DOUBLE, false, true);
    QCC_FINISH(QCC_RT_ROUND_DOUBLE, false, false);
  }
#undef QCC_FINISH
}

} // namespace
} // namespace qcc::rt::neon

#endif // QCC_RUNTIME_ARM_NEONEPILOGUE_H
