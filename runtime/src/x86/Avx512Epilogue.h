// The epilogue of a GEMM tile on AVX-512: the accumulators of a tile
// (int32, [rows][nr]) plus the bias and zero-point terms, requantized and
// stored. Shared by the AVX-512 VNNI and AMX kernels; included after their
// target pragma.
#ifndef QCC_RUNTIME_X86_AVX512EPILOGUE_H
#define QCC_RUNTIME_X86_AVX512EPILOGUE_H

#include "x86/Avx512Requant.h"

namespace qcc::rt::avx512 {
namespace {

/// The epilogue of a tile of `rowCount` rows: bias and zero-point terms,
/// requantization, stores; one instance per rule and output width.
template <int Rule, bool LeftShift, bool Out32>
void finishAs(const PackedWeights &w, const PackedRows &rows, int64_t row,
              int rowCount, int64_t panel, const int32_t *acc, uint8_t *out,
              int64_t outStride) {
  const Epilogue &e = w.epilogue;
  const int nr = w.shape.nr;
  const int64_t firstCol = panel * nr;
  const int64_t cols = w.n - firstCol < nr ? w.n - firstCol : nr;
  constexpr size_t outBytes = Out32 ? 4 : 1;
  for (int v = 0; v * 16 < nr; ++v) {
    const int64_t col = firstCol + v * 16;
    const int64_t left = cols - v * 16;
    if (left <= 0)
      break;
    const __mmask16 mask =
        left >= 16 ? __mmask16(0xffff) : __mmask16((1u << left) - 1);
    const __m512i bias = _mm512_load_si512(w.biasAdj.get() + col);
    const ColumnParams params = loadParams(e, col);
    if (w.zeroPoints) {
      const __m512i zw = _mm512_load_si512(w.zeroPoints.get() + col);
      for (int r = 0; r < rowCount; ++r) {
        __m512i x =
            _mm512_add_epi32(_mm512_load_si512(acc + r * nr + v * 16), bias);
        x = _mm512_sub_epi32(
            x,
            _mm512_mullo_epi32(zw, _mm512_set1_epi32(rows.rowSums[row + r])));
        store<Out32>(out + (r * outStride + v * 16) * outBytes,
                     requantize<Rule, LeftShift>(e, params, x), mask);
      }
    } else {
      for (int r = 0; r < rowCount; ++r) {
        const __m512i x =
            _mm512_add_epi32(_mm512_load_si512(acc + r * nr + v * 16), bias);
        store<Out32>(out + (r * outStride + v * 16) * outBytes,
                     requantize<Rule, LeftShift>(e, params, x), mask);
      }
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
    if (e.anyLeftShift) {
      if (out32)
        QCC_FINISH(QCC_RT_ROUND_SINGLE, true, true);
      QCC_FINISH(QCC_RT_ROUND_SINGLE, true, false);
    }
    if (out32)
      QCC_FINISH(QCC_RT_ROUND_SINGLE, false, true);
    QCC_FINISH(QCC_RT_ROUND_SINGLE, false, false);
  default:
    if (e.anyLeftShift)
      return out32 ? finishAs<QCC_RT_ROUND_DOUBLE, true, true>(
                         w, rows, row, rowCount, panel, acc, out, outStride)
                   : finishAs<QCC_RT_ROUND_DOUBLE, true, false>(
                         w, rows, row, rowCount, panel, acc, out, outStride);
    if (out32)
      QCC_FINISH(QCC_RT_ROUND_DOUBLE, false, true);
    QCC_FINISH(QCC_RT_ROUND_DOUBLE, false, false);
  }
#undef QCC_FINISH
}

} // namespace
} // namespace qcc::rt::avx512

#endif // QCC_RUNTIME_X86_AVX512EPILOGUE_H
