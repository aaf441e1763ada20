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
/// requantization, stores; one instance per rule and output form.
template <int Rule, bool LeftShift, int Out>
void finishAs(const PackedWeights &w, const PackedRows &rows, int64_t row,
              int rowCount, int64_t panel, const int32_t *acc, uint8_t *out,
              int64_t outStride) {
  const Epilogue &e = w.epilogue;
  const int nr = w.shape.nr;
  const int64_t firstCol = panel * nr;
  const int64_t cols = w.n - firstCol < nr ? w.n - firstCol : nr;
  constexpr size_t outBytes = Out == kInt32 ? 4 : 1;
  constexpr bool folded = Out == kFoldedU8 || Out == kFoldedS8;
  for (int v = 0; v * 16 < nr; ++v) {
    const int64_t col = firstCol + v * 16;
    const int64_t left = cols - v * 16;
    if (left <= 0)
      break;
    const __mmask16 mask =
        left >= 16 ? __mmask16(0xffff) : __mmask16((1u << left) - 1);
    const __m512i bias = _mm512_load_si512(w.biasAdj.get() + col);
    const ColumnParams params = loadParams(e, col, folded);
    if (w.zeroPoints) {
      const __m512i zw = _mm512_load_si512(w.zeroPoints.get() + col);
      for (int r = 0; r < rowCount; ++r) {
        __m512i x =
            _mm512_add_epi32(_mm512_load_si512(acc + r * nr + v * 16), bias);
        x = _mm512_sub_epi32(
            x,
            _mm512_mullo_epi32(zw, _mm512_set1_epi32(rows.rowSums[row + r])));
        requantizeStore<Rule, LeftShift, Out>(
            e, params, x, out + (r * outStride + v * 16) * outBytes, mask);
      }
    } else {
      for (int r = 0; r < rowCount; ++r) {
        const __m512i x =
            _mm512_add_epi32(_mm512_load_si512(acc + r * nr + v * 16), bias);
        requantizeStore<Rule, LeftShift, Out>(
            e, params, x, out + (r * outStride + v * 16) * outBytes, mask);
      }
    }
  }
}

void finish(const PackedWeights &w, const PackedRows &rows, int64_t row,
            int rowCount, int64_t panel, const int32_t *acc, uint8_t *out,
            int64_t outStride) {
  const Epilogue &e = w.epilogue;
  const int form = outputForm(e, true);
#define QCC_FINISH(rule, left, form_)                                          \
  return finishAs<rule, left, form_>(w, rows, row, rowCount, panel, acc, out,  \
                                     outStride)
#define QCC_FINISH_FORMS(rule, left)                                           \
  switch (form) {                                                              \
  case kInt32:                                                                 \
    QCC_FINISH(rule, left, kInt32);                                            \
  case kFoldedU8:                                                              \
    QCC_FINISH(rule, left, kFoldedU8);                                         \
  case kFoldedS8:                                                              \
    QCC_FINISH(rule, left, kFoldedS8);                                         \
  default:                                                                     \
    QCC_FINISH(rule, left, kBytes);                                            \
  }
  switch (e.rounding) {
  case QCC_RT_NO_REQUANT:
    QCC_FINISH(QCC_RT_NO_REQUANT, false, kInt32);
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    if (form == kInt32)
      QCC_FINISH(QCC_RT_ROUND_FLOAT_HALF_EVEN, false, kInt32);
    QCC_FINISH(QCC_RT_ROUND_FLOAT_HALF_EVEN, false, kBytes);
  case QCC_RT_ROUND_SINGLE:
    if (e.anyLeftShift) {
      if (form == kInt32)
        QCC_FINISH(QCC_RT_ROUND_SINGLE, true, kInt32);
      QCC_FINISH(QCC_RT_ROUND_SINGLE, true, kBytes);
    }
    QCC_FINISH_FORMS(QCC_RT_ROUND_SINGLE, false);
  default:
    if (e.anyLeftShift) {
      if (form == kInt32)
        QCC_FINISH(QCC_RT_ROUND_DOUBLE, true, kInt32);
      QCC_FINISH(QCC_RT_ROUND_DOUBLE, true, kBytes);
    }
    QCC_FINISH_FORMS(QCC_RT_ROUND_DOUBLE, false);
  }
#undef QCC_FINISH_FORMS
#undef QCC_FINISH
}

} // namespace
} // namespace qcc::rt::avx512

#endif // QCC_RUNTIME_X86_AVX512EPILOGUE_H
