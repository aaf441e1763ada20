// GEMM kernels for AVX-512 VNNI: vpdpbusd on zmm, 64 uint8 x int8 products
// a cycle per instruction. A tile of MR rows x NV vectors of 16 columns
// keeps MR * NV accumulators in registers (24 of the 32); each step of four
// k loads NV weight vectors and broadcasts four bytes of each row. Shapes:
// 6 x 64 for many rows, 8 x 48 for few (m = 8 fills one tile), 12 x 32 and
// 16 x 16 for few columns.
#include "gemm/Gemm.h"

#include <cstring>

// GCC 12's intrinsic headers pass _mm512_undefined_* values as the unused
// source of unmasked operations, which -Wmaybe-uninitialized reports.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC push_options
#pragma GCC target(                                                            \
    "avx512f,avx512bw,avx512vl,avx512dq,avx512vnni,avx2,fma,bmi2")
#include "x86/Avx512Epilogue.h"

namespace qcc::rt {
namespace {

using namespace avx512;

inline int32_t loadInt32(const uint8_t *p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

/// The k loop of one tile: MR rows x NV vectors of accumulators, kept in
/// registers (the epilogue is separate so that the compiler does not spill
/// them), stored to `acc` ([MR][16 * NV] int32).
template <int MR, int NV>
void accumulate(const uint8_t *a, int64_t lda, const int8_t *wp, int64_t groups,
                int32_t *acc, bool first, const int32_t *bias) {
  constexpr int NR = 16 * NV;
  __m512i c[MR][NV];
  // Zeros (or the bias) here and the earlier blocks' sums added at the end:
  // loading them here makes GCC keep the accumulators in memory.
  __m512i init[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v)
    init[v] = bias ? _mm512_load_si512(bias + v * 16) : _mm512_setzero_si512();
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      c[r][v] = init[v];
  for (int64_t g = 0; g < groups; ++g) {
    __m512i wv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      wv[v] = _mm512_load_si512(wp + (g * NR + v * 16) * 4);
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      const __m512i b = _mm512_set1_epi32(loadInt32(a + r * lda + g * 4));
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v)
        c[r][v] = _mm512_dpbusd_epi32(c[r][v], b, wv[v]);
    }
  }
  if (first) {
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v)
        _mm512_store_si512(acc + r * NR + v * 16, c[r][v]);
  } else {
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v)
        _mm512_store_si512(
            acc + r * NR + v * 16,
            _mm512_add_epi32(c[r][v],
                             _mm512_load_si512(acc + r * NR + v * 16)));
  }
}

/// k per block: the block of a panel's weights (nr x kBlock bytes) stays
/// in L1 while the chunk's row tiles go by.
constexpr int64_t kBlock = 512;

/// Rows whose accumulators wait for one epilogue when k is not blocked.
constexpr int kFinishRows = 48;
/// kFinishRows in whole tiles of MR rows.
template <int MR> constexpr int kFinishBatch = (kFinishRows + MR - 1) / MR *MR;

/// Rows [0, count) in tiles of at most MR. A short last tile of fewer than
/// half of MR rows is shared out instead, the tiles as even as can be: a
/// row of 56 pixels in 6-row tiles is 6 tiles of 6 and 4 of 5, all at full
/// speed, where 9 of 6 and 2 of 1 spend a tenth of the time on the two
/// single rows (their accumulators wait on vpdpbusd's latency).
template <int MR> struct TileSplit {
  int64_t count, tiles;
  bool even;
  explicit TileSplit(int64_t count)
      : count(count), tiles((count + MR - 1) / MR),
        even(count % MR != 0 && count % MR < (MR + 1) / 2) {}
  int64_t end(int64_t t) const {
    return even                   ? count * (t + 1) / tiles
           : (t + 1) * MR < count ? (t + 1) * MR
                                  : count;
  }
};

/// Accumulates rows [row, row + n) (n <= MR) over k [k0, k0 + kLen).
template <int MR, int NV>
void accumulateRows(const PackedWeights &w, const PackedRows &rows, int64_t row,
                    int n, int64_t panel, int64_t k0, int64_t kLen,
                    int32_t *acc, bool first, const int32_t *bias = nullptr) {
  constexpr int NR = 16 * NV;
  const uint8_t *a = rows.row(row) + k0;
  const int8_t *wp = w.data.get() + panel * w.kPadded * NR + k0 * NR;
  switch (n) {
#define QCC_ROWS(m)                                                            \
  case m:                                                                      \
    if constexpr (m <= MR)                                                     \
      accumulate<m, NV>(a, rows.kPadded, wp, kLen / 4, acc, first, bias);      \
    break;
    QCC_ROWS(1)
    QCC_ROWS(2)
    QCC_ROWS(3)
    QCC_ROWS(4)
    QCC_ROWS(5)
    QCC_ROWS(6)
    QCC_ROWS(7)
    QCC_ROWS(8)
    QCC_ROWS(9)
    QCC_ROWS(10)
    QCC_ROWS(11)
    QCC_ROWS(12)
    QCC_ROWS(13)
    QCC_ROWS(14)
    QCC_ROWS(15)
    QCC_ROWS(16)
#undef QCC_ROWS
  }
}

template <int MR, int NV>
void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *outVoid, int64_t outStride) {
  constexpr int NR = 16 * NV;
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const TileSplit<MR> split(count);
  const int64_t tileCount = split.tiles;
  if (w.kPadded <= kBlock) {
    // Several tiles' accumulators, then one epilogue over all of their rows:
    // its set-up (each vector's parameters) is paid once, and the rows'
    // requantizations overlap.
    constexpr int kBatch = kFinishBatch<MR>;
    alignas(64) int32_t acc[kBatch * NR];
    int64_t r = 0;
    for (int64_t t = 0; t < tileCount;) {
      int batch = 0;
      for (; t < tileCount; ++t) {
        const int n = int(split.end(t) - r - batch);
        if (batch + n > kBatch)
          break;
        accumulateRows<MR, NV>(w, rows, r + batch, n, panel, 0, w.kPadded,
                               acc + batch * NR, true,
                               w.biasAdj.get() + panel * NR);
        batch += n;
      }
      finishBiasAdded(w, rows, r, batch, panel, acc,
                      out + r * outStride * outBytes, outStride);
      r += batch;
    }
    return;
  }
  // Blocked k: the accumulators of every tile wait in the scratch buffer.
  for (int64_t k0 = 0; k0 < w.kPadded; k0 += kBlock) {
    const int64_t kLen = w.kPadded - k0 < kBlock ? w.kPadded - k0 : kBlock;
    for (int64_t t = 0, r = 0; t < tileCount; r = split.end(t++))
      accumulateRows<MR, NV>(w, rows, r, int(split.end(t) - r), panel, k0, kLen,
                             rows.accumulators + r * NR, k0 == 0);
  }
  for (int64_t t = 0, r = 0; t < tileCount; r = split.end(t++))
    finish(w, rows, r, int(split.end(t) - r), panel, rows.accumulators + r * NR,
           out + r * outStride * outBytes, outStride);
}

/// The k loop of a tile whose rows are read in place (windowTiles): for
/// each tap row ky, `segment` bytes of row i = first + r at taps[ky] + i *
/// step (Strided), or at taps[i * kh + ky].
template <int MR, int NV, bool Strided>
void accumulateWindows(const uint8_t *const *taps, int64_t kh, int64_t segment,
                       int64_t step, int64_t first, const int8_t *wp,
                       const int32_t *bias, int32_t *acc) {
  constexpr int NR = 16 * NV;
  __m512i c[MR][NV], init[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v)
    init[v] = _mm512_load_si512(bias + v * 16);
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      c[r][v] = init[v];
  const int64_t groups = segment / 4;
  for (int64_t ky = 0; ky < kh; ++ky) {
    const uint8_t *a[MR];
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
      a[r] =
          Strided ? taps[ky] + (first + r) * step : taps[(first + r) * kh + ky];
    const int8_t *wk = wp + ky * segment * NR;
    for (int64_t g = 0; g < groups; ++g) {
      __m512i wv[NV];
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v)
        wv[v] = _mm512_load_si512(wk + (g * NR + v * 16) * 4);
#pragma GCC unroll 16
      for (int r = 0; r < MR; ++r) {
        const __m512i b = _mm512_set1_epi32(loadInt32(a[r] + g * 4));
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v)
          c[r][v] = _mm512_dpbusd_epi32(c[r][v], b, wv[v]);
      }
    }
  }
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      _mm512_store_si512(acc + r * NR + v * 16, c[r][v]);
}

/// accumulateWindows on a tile of n <= MR rows.
template <int MR, int NV, bool Strided>
void accumulateWindowRows(int n, const uint8_t *const *taps, int64_t kh,
                          int64_t segment, int64_t step, int64_t first,
                          const int8_t *wp, const int32_t *bias, int32_t *acc) {
  switch (n) {
#define QCC_ROWS(m)                                                            \
  case m:                                                                      \
    if constexpr (m <= MR)                                                     \
      accumulateWindows<m, NV, Strided>(taps, kh, segment, step, first, wp,    \
                                        bias, acc);                            \
    break;
    QCC_ROWS(1)
    QCC_ROWS(2)
    QCC_ROWS(3)
    QCC_ROWS(4)
    QCC_ROWS(5)
    QCC_ROWS(6)
    QCC_ROWS(7)
    QCC_ROWS(8)
    QCC_ROWS(9)
    QCC_ROWS(10)
    QCC_ROWS(11)
    QCC_ROWS(12)
    QCC_ROWS(13)
    QCC_ROWS(14)
    QCC_ROWS(15)
    QCC_ROWS(16)
#undef QCC_ROWS
  }
}

template <int MR, int NV, bool Strided>
void windowTilesAs(const PackedWeights &w, const uint8_t *const *taps,
                   int64_t kh, int64_t segment, int64_t step, int64_t count,
                   int64_t panel, void *outVoid, int64_t outStride) {
  constexpr int NR = 16 * NV;
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const int8_t *wp = w.data.get() + panel * w.kPadded * NR;
  const PackedRows none; // no zero points: no row sums
  // The accumulators start from the bias (finishBiasAdded).
  const int32_t *bias = w.biasAdj.get() + panel * NR;
  // Several tiles, then one epilogue over all of their rows (as tiles()).
  constexpr int kBatch = kFinishBatch<MR>;
  alignas(64) int32_t acc[kBatch * NR];
  const TileSplit<MR> split(count);
  const int64_t tileCount = split.tiles;
  int64_t r = 0;
  for (int64_t t = 0; t < tileCount;) {
    int rows = 0;
    for (; t < tileCount; ++t) {
      const int n = int(split.end(t) - r - rows);
      if (rows + n > kBatch)
        break;
      accumulateWindowRows<MR, NV, Strided>(
          n, taps, kh, segment, step, r + rows, wp, bias, acc + rows * NR);
      rows += n;
    }
    finishBiasAdded(w, none, r, rows, panel, acc,
                    out + r * outStride * outBytes, outStride);
    r += rows;
  }
}

void windowTiles(const PackedWeights &w, const uint8_t *const *taps, int64_t kh,
                 int64_t segment, int64_t step, int64_t count, int64_t panel,
                 void *out, int64_t outStride) {
  switch (w.shape.nr) {
  case 64:
    return (step ? windowTilesAs<6, 4, true>
                 : windowTilesAs<6, 4, false>)(w, taps, kh, segment, step,
                                               count, panel, out, outStride);
  case 48:
    return (step ? windowTilesAs<8, 3, true>
                 : windowTilesAs<8, 3, false>)(w, taps, kh, segment, step,
                                               count, panel, out, outStride);
  case 32:
    return (step ? windowTilesAs<12, 2, true>
                 : windowTilesAs<12, 2, false>)(w, taps, kh, segment, step,
                                                count, panel, out, outStride);
  default:
    return (step ? windowTilesAs<16, 1, true>
                 : windowTilesAs<16, 1, false>)(w, taps, kh, segment, step,
                                                count, panel, out, outStride);
  }
}

/// Dispatches on the shape the weights were packed for.
void tilesAnyShape(const PackedWeights &w, const PackedRows &rows,
                   int64_t count, int64_t panel, void *out, int64_t outStride) {
  switch (w.shape.nr) {
  case 64:
    return tiles<6, 4>(w, rows, count, panel, out, outStride);
  case 48:
    return tiles<8, 3>(w, rows, count, panel, out, outStride);
  case 32:
    return tiles<12, 2>(w, rows, count, panel, out, outStride);
  default:
    return tiles<16, 1>(w, rows, count, panel, out, outStride);
  }
}

} // namespace

const GemmKernels *gemmKernelsAvx512Vnni() {
  static const GemmKernels kernels{{{6, 64, 4, 16},
                                    {8, 48, 4, 16},
                                    {12, 32, 4, 16, 4, 1.15f},
                                    {16, 16, 4, 16, 4, 1.3f}},
                                   4,
                                   /*wideRows=*/false,
                                   DirectRows::kAlways,
                                   tilesAnyShape,
                                   windowTiles};
  return &kernels;
}

} // namespace qcc::rt
#pragma GCC pop_options
