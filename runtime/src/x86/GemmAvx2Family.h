// GEMM kernels on 256-bit vectors, shared by the AVX-VNNI path (vpdpbusd
// on ymm, 32 products per instruction) and the AVX2 path (vpmaddwd on
// 16-bit values: exact for every uint8 x int8 pair, unlike vpmaddubsw,
// which saturates). Included by one translation unit per path, after its
// target pragma; `Vnni` selects the product instruction. See
// GemmAvx512Vnni.cpp for the structure (tiles, k blocks, epilogue).
#ifndef QCC_RUNTIME_X86_GEMMAVX2FAMILY_H
#define QCC_RUNTIME_X86_GEMMAVX2FAMILY_H

#include "gemm/EpilogueFamily.h"
#include "x86/Avx2AddInPlace.h"
#include "x86/Avx2Requant.h"

#include <cstring>

namespace qcc::rt::avx2 {
namespace {

inline int32_t loadInt32(const uint8_t *p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

/// Bytes of k per step: 4 products per lane (vpdpbusd) or 2 (vpmaddwd on
/// 16-bit pairs, 4 bytes of packed row).
template <bool Vnni> constexpr int kStep = Vnni ? 4 : 2;

template <bool Vnni, int MR, int NV>
void accumulate(const uint8_t *a, int64_t lda, const int8_t *wp, int64_t steps,
                int32_t *acc, bool first) {
  constexpr int NR = 8 * NV;
  constexpr int64_t wStep = NR * 4; // bytes of weights per step, both paths
  __m256i c[MR][NV];
#pragma GCC unroll 8
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      c[r][v] = _mm256_setzero_si256();
  for (int64_t s = 0; s < steps; ++s) {
    __m256i wv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      wv[v] = _mm256_load_si256(
          reinterpret_cast<const __m256i *>(wp + s * wStep + v * 32));
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      // 4 bytes of the packed row: 4 uint8 values, or 2 int16 values.
      const __m256i b = _mm256_set1_epi32(loadInt32(a + r * lda + s * 4));
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        if constexpr (Vnni)
          c[r][v] = _mm256_dpbusd_avx_epi32(c[r][v], b, wv[v]);
        else
          addInPlace(c[r][v], _mm256_madd_epi16(b, wv[v]));
      }
    }
  }
  if (first) {
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v)
        _mm256_store_si256(reinterpret_cast<__m256i *>(acc + r * NR + v * 8),
                           c[r][v]);
  } else {
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        auto *p = reinterpret_cast<__m256i *>(acc + r * NR + v * 8);
        _mm256_store_si256(p, _mm256_add_epi32(c[r][v], _mm256_load_si256(p)));
      }
  }
}

inline void finish(const PackedWeights &w, const PackedRows &rows, int64_t row,
                   int rowCount, int64_t panel, const int32_t *acc,
                   uint8_t *out, int64_t outStride) {
  family::finish<EpilogueV256>(w, rows, row, rowCount, panel, acc, out,
                               outStride);
}

constexpr int64_t kBlock = 512; ///< bytes of k per block
/// Rows whose accumulators wait for one epilogue when k is not blocked: the
/// epilogue's set-up (each vector's parameters, the rule's dispatch) is paid
/// once for them. Per tile of 4 rows it was half of a 1x1 layer with k = 16
/// (12544 x 16 x 96, AMD EPYC).
constexpr int kFinishRows = 48;

template <bool Vnni, int MR, int NV>
void accumulateRows(const PackedWeights &w, const PackedRows &rows, int64_t row,
                    int n, int64_t panel, int64_t k0, int64_t kLen,
                    int32_t *acc, bool first) {
  constexpr int NR = 8 * NV;
  const int eb = rows.wide ? 2 : 1; // bytes per packed row element
  const uint8_t *a = rows.row(row) + k0 * eb;
  const int8_t *wp = w.data.get() + (panel * w.kPadded * NR + k0 * NR) * eb;
  const int64_t lda = rows.kPadded * eb;
  const int64_t steps = kLen / kStep<Vnni>;
  switch (n) {
#define QCC_ROWS(m)                                                            \
  case m:                                                                      \
    if constexpr (m <= MR)                                                     \
      accumulate<Vnni, m, NV>(a, lda, wp, steps, acc, first);                  \
    break;
    QCC_ROWS(1)
    QCC_ROWS(2)
    QCC_ROWS(3)
    QCC_ROWS(4)
    QCC_ROWS(5)
    QCC_ROWS(6)
#undef QCC_ROWS
  }
}

template <bool Vnni, int MR, int NV>
void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *outVoid, int64_t outStride) {
  constexpr int NR = 8 * NV;
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  if (w.kPadded <= kBlock) {
    constexpr int kBatch = (kFinishRows + MR - 1) / MR * MR;
    alignas(32) int32_t acc[kBatch * NR];
    for (int64_t r = 0; r < count;) {
      int batch = 0;
      while (batch < kBatch && r + batch < count) {
        const int n = int(count - r - batch < MR ? count - r - batch : MR);
        accumulateRows<Vnni, MR, NV>(w, rows, r + batch, n, panel, 0, w.kPadded,
                                     acc + batch * NR, true);
        batch += n;
      }
      finish(w, rows, r, batch, panel, acc, out + r * outStride * outBytes,
             outStride);
      r += batch;
    }
    return;
  }
  for (int64_t k0 = 0; k0 < w.kPadded; k0 += kBlock) {
    const int64_t kLen = w.kPadded - k0 < kBlock ? w.kPadded - k0 : kBlock;
    for (int64_t r = 0; r < count; r += MR) {
      const int n = int(count - r < MR ? count - r : MR);
      accumulateRows<Vnni, MR, NV>(w, rows, r, n, panel, k0, kLen,
                                   rows.accumulators + r * NR, k0 == 0);
    }
  }
  for (int64_t r = 0; r < count; r += MR) {
    const int n = int(count - r < MR ? count - r : MR);
    finish(w, rows, r, n, panel, rows.accumulators + r * NR,
           out + r * outStride * outBytes, outStride);
  }
}

} // namespace
} // namespace qcc::rt::avx2

#endif // QCC_RUNTIME_X86_GEMMAVX2FAMILY_H
