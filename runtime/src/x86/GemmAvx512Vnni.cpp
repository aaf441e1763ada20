// GEMM kernels for AVX-512 VNNI: vpdpbusd on zmm, 64 uint8 x int8 products
// a cycle per instruction. A tile of MR rows x NV vectors of 16 columns
// keeps MR * NV accumulators in registers (24 of the 32); each step of four
// k loads NV weight vectors and broadcasts four bytes of each row. Two
// shapes: 6 x 64 for many rows, 8 x 48 for few (m = 8 fills one tile).
#include "gemm/Gemm.h"

#include <cstring>

// GCC 12's intrinsic headers pass _mm512_undefined_* values as the unused
// source of unmasked operations, which -Wmaybe-uninitialized reports.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512dq,avx512vnni,avx2,fma,bmi2")
#include "x86/Avx512Requant.h"

namespace qcc::rt {
namespace {

using namespace avx512;

inline int32_t loadInt32(const uint8_t *p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

template <int MR, int NV>
void tile(const PackedWeights &w, const PackedRows &rows, int64_t row,
          int64_t panel, uint8_t *out, int64_t outStride) {
  constexpr int NR = 16 * NV;
  __m512i acc[MR][NV];
#pragma GCC unroll 8
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      acc[r][v] = _mm512_setzero_si512();
  const int8_t *wp = w.data.get() + panel * w.kPadded * NR;
  const uint8_t *a = rows.row(row);
  const int64_t lda = rows.kPadded;
  const int64_t groups = w.kPadded / 4;
  for (int64_t g = 0; g < groups; ++g) {
    __m512i wv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      wv[v] = _mm512_load_si512(wp + (g * NR + v * 16) * 4);
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      const __m512i b = _mm512_set1_epi32(loadInt32(a + r * lda + g * 4));
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v)
        acc[r][v] = _mm512_dpbusd_epi32(acc[r][v], b, wv[v]);
    }
  }
  const Epilogue &e = w.epilogue;
  const int64_t firstCol = panel * NR;
  const int64_t cols = w.n - firstCol < NR ? w.n - firstCol : NR;
  const size_t outBytes = e.outputType == QCC_RT_I32 ? 4 : 1;
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    const int64_t col = firstCol + v * 16;
    const int64_t left = cols - v * 16;
    const __mmask16 mask =
        left >= 16 ? __mmask16(0xffff)
                   : left <= 0 ? __mmask16(0) : __mmask16((1u << left) - 1);
    const __m512i bias = _mm512_load_si512(w.biasAdj.get() + col);
    const __m512i zw = w.zeroPoints
                           ? _mm512_load_si512(w.zeroPoints.get() + col)
                           : _mm512_setzero_si512();
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      __m512i x = _mm512_add_epi32(acc[r][v], bias);
      if (w.zeroPoints)
        x = _mm512_sub_epi32(
            x, _mm512_mullo_epi32(zw, _mm512_set1_epi32(rows.rowSums[row + r])));
      store(e, out + (r * outStride + v * 16) * outBytes, requantize(e, x, col),
            mask);
    }
  }
}

template <int MR, int NV>
void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *outVoid, int64_t outStride) {
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  int64_t r = 0;
  for (; r + MR <= count; r += MR)
    tile<MR, NV>(w, rows, r, panel, out + r * outStride * outBytes, outStride);
  uint8_t *rest = out + r * outStride * outBytes;
  switch (count - r) {
  case 0:
    break;
#define QCC_TAIL(n)                                                            \
  case n:                                                                      \
    if constexpr (n < MR)                                                      \
      tile<n, NV>(w, rows, r, panel, rest, outStride);                         \
    break;
    QCC_TAIL(1)
    QCC_TAIL(2)
    QCC_TAIL(3)
    QCC_TAIL(4)
    QCC_TAIL(5)
    QCC_TAIL(6)
    QCC_TAIL(7)
#undef QCC_TAIL
  }
}

/// Dispatches on the shape the weights were packed for.
void tilesAnyShape(const PackedWeights &w, const PackedRows &rows,
                   int64_t count, int64_t panel, void *out, int64_t outStride) {
  if (w.shape.nr == 64)
    tiles<6, 4>(w, rows, count, panel, out, outStride);
  else
    tiles<8, 3>(w, rows, count, panel, out, outStride);
}

} // namespace

const GemmKernels *gemmKernelsAvx512Vnni() {
  static const GemmKernels kernels{
      {6, 64, 4}, {8, 48, 4}, /*wideRows=*/false, tilesAnyShape};
  return &kernels;
}

} // namespace qcc::rt
#pragma GCC pop_options
