// GEMM kernels for AVX-512 VNNI: vpdpbusd on zmm, 64 uint8 x int8 products
// a cycle per instruction. A tile of MR rows x NV vectors of 16 columns
// keeps MR * NV accumulators in registers (24 of the 32); each step of four
// k loads NV weight vectors and broadcasts four bytes of each row. Shapes:
// 6 x 64 for many rows, 8 x 48 for few (m = 8 fills one tile), 12 x 32 and
// 16 x 16 for few columns. A run of rows goes in tiles as even as can be
// (TileSplit); the in-place windows requantize each tile inside the next
// tile's k loop (PipedEpilogue).
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

/// X(m) for each row count of a tile, 1 to 16: the cases of the switches
/// that make a tile's row count a template argument (a generic lambda in
/// their place measured slower: 1x1 16 -> 96 254 -> 274 us).
#define QCC_EACH_ROW_COUNT(X)                                                  \
  X(1)                                                                         \
  X(2)                                                                         \
  X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16)

/// No work beside a tile's k loop.
struct NoJob {
  static constexpr bool kActive = false;
};

/// The folded epilogue of the previous tile, one vector at a time, spread
/// over the k loop of the next one.
template <int Rule, bool Signed, int NV> struct PipedEpilogue {
  static constexpr bool kActive = true;
  const int32_t *acc;         ///< [rows][16 * NV], the bias included
  uint8_t *out;               ///< the previous tile's first row
  int64_t outStride;          ///< bytes between rows
  const ColumnParams *params; ///< NV
  int count;                  ///< vectors: rows * NV
  int groups;                 ///< the k loop's iterations
  int done = 0, credit = 0;

  // Inlined: a call inside the k loop would spill every accumulator (no
  // vector register survives a call).
  [[gnu::always_inline]] void vector() {
    const int r = done / NV, v = done % NV;
    const ColumnParams *p = params + v;
    // The parameters stay in memory: hoisted out of the k loop they would
    // take the registers of the accumulators.
    __asm__("" : "+r"(p));
    const __m512i x = _mm512_load_si512(acc + done * 16);
    storeSaturated<Signed>(out + r * outStride + v * 16,
                           requantizeFolded<Rule, true>(*p, x), 0xffff);
    ++done;
  }
  /// Vectors in proportion to the groups gone by.
  [[gnu::always_inline]] void afterGroup() {
    credit += count;
    while (credit >= groups) {
      credit -= groups;
      vector();
    }
  }
  [[gnu::always_inline]] void rest() {
    while (done < count)
      vector();
  }
};

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

/// k per block: the block of a panel's weights (nr x kBlock bytes, 256 KB)
/// stays in L2 while the chunk's row tiles go by. Zen 4 feeds vpdpbusd from
/// L2 as fast as from L1 (a 6 x 64 tile: 463 GOPS on a 36 KB panel, 466 on
/// 64 KB), so blocks are large, and the accumulators rarely go to memory
/// between them. From 512 (a block in L1) to 4096, AMD EPYC: 1024x1024x1024
/// 4882 -> 4792 us, 128x768x3072 1385 -> 1367 us, ResNet-18 9.16-9.26 ->
/// 9.02-9.13 ms (its 3x3 layers on 512 channels 561-571 -> 544-557 us).
constexpr int64_t kBlock = 4096;

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
    QCC_EACH_ROW_COUNT(QCC_ROWS)
#undef QCC_ROWS
  }
}

/// Calls f(rule, signed), std::integral_constants, where the epilogue of
/// panel `panel` can be piped (PipedEpilogue): a folded form, the clamp
/// the output type's range, a whole panel of at least 3 vectors (with 2,
/// the 12-row tiles' pointers no longer fit the registers: MobileNetV2's
/// first layer 135 -> 158 us), no zero points. Returns whether it did.
template <int NV, class F>
bool withPipedEpilogue(const PackedWeights &w, int64_t panel, F &&f) {
  const Epilogue &e = w.epilogue;
  if (NV < 3 || w.zeroPoints || (panel + 1) * 16 * NV > w.n ||
      e.clampMin != storageMin(e.outputType))
    return false;
  bool piped = false;
  withRuleAndForm<true, false>(e, [&](auto rule, auto left, auto form) {
    constexpr int kForm = decltype(form)::value;
    if constexpr (!decltype(left)::value &&
                  (kForm == kFoldedU8 || kForm == kFoldedS8)) {
      f(rule, std::bool_constant<kForm == kFoldedS8>());
      piped = true;
    }
  });
  return piped;
}

template <int MR, int NV>
void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *outVoid, int64_t outStride) {
  constexpr int NR = 16 * NV;
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const TileSplit<MR> split(count);
  const int64_t tileCount = split.tiles;
  const int32_t *bias = w.biasAdj.get() + panel * NR;
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
                               acc + batch * NR, true, bias);
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
template <int MR, int NV, bool Strided, class Job = NoJob>
void accumulateWindows(const uint8_t *const *taps, int64_t kh, int64_t segment,
                       int64_t step, int64_t first, const int8_t *wp,
                       const int32_t *bias, int32_t *acc, Job job = {}) {
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
      if constexpr (Job::kActive)
        job.afterGroup();
    }
  }
  if constexpr (Job::kActive)
    job.rest();
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
      _mm512_store_si512(acc + r * NR + v * 16, c[r][v]);
}

/// accumulateWindows on a tile of n <= MR rows.
template <int MR, int NV, bool Strided, class Job = NoJob>
void accumulateWindowRows(int n, const uint8_t *const *taps, int64_t kh,
                          int64_t segment, int64_t step, int64_t first,
                          const int8_t *wp, const int32_t *bias, int32_t *acc,
                          Job job = {}) {
  switch (n) {
#define QCC_ROWS(m)                                                            \
  case m:                                                                      \
    if constexpr (m <= MR)                                                     \
      accumulateWindows<m, NV, Strided, Job>(taps, kh, segment, step, first,   \
                                             wp, bias, acc, job);              \
    break;
    QCC_EACH_ROW_COUNT(QCC_ROWS)
#undef QCC_ROWS
  }
}

/// windowTilesAs with the epilogue of each tile done during the next
/// tile's k loop, where vpdpbusd leaves most vector ports idle, and the
/// last tile's after it (the 7x7 layer on 3 channels, AMD EPYC: 686 -> 636
/// us).
template <int MR, int NV, bool Strided, int Rule, bool Signed>
void windowTilesPiped(const PackedWeights &w, const uint8_t *const *taps,
                      int64_t kh, int64_t segment, int64_t step, int64_t count,
                      int64_t panel, uint8_t *out, int64_t outStride) {
  constexpr int NR = 16 * NV;
  const int8_t *wp = w.data.get() + panel * w.kPadded * NR;
  const int32_t *bias = w.biasAdj.get() + panel * NR;
  ColumnParams params[NV];
  for (int v = 0; v < NV; ++v)
    params[v] = loadParams(w.epilogue, panel * NR + v * 16, true);
  alignas(64) int32_t acc[2][MR * NR];
  const TileSplit<MR> split(count);
  const int groups = int(kh * (segment / 4));
  int64_t prevRow = 0;
  int prevRows = 0;
  for (int64_t t = 0, r = 0; t < split.tiles; r = split.end(t++)) {
    const int n = int(split.end(t) - r);
    PipedEpilogue<Rule, Signed, NV> job{
        acc[(t + 1) % 2], out + prevRow * outStride,
        outStride,        params,
        prevRows * NV,    groups};
    accumulateWindowRows<MR, NV, Strided>(n, taps, kh, segment, step, r, wp,
                                          bias, acc[t % 2], job);
    prevRow = r;
    prevRows = n;
  }
  PipedEpilogue<Rule, Signed, NV>{acc[(split.tiles + 1) % 2],
                                  out + prevRow * outStride,
                                  outStride,
                                  params,
                                  prevRows * NV,
                                  1}
      .rest();
}

template <int MR, int NV, bool Strided>
void windowTilesAs(const PackedWeights &w, const uint8_t *const *taps,
                   int64_t kh, int64_t segment, int64_t step, int64_t count,
                   int64_t panel, void *outVoid, int64_t outStride) {
  constexpr int NR = 16 * NV;
  auto *out = static_cast<uint8_t *>(outVoid);
  const int8_t *wp = w.data.get() + panel * w.kPadded * NR;
  // The accumulators start from the bias (finishBiasAdded).
  const int32_t *bias = w.biasAdj.get() + panel * NR;
  if (withPipedEpilogue<NV>(w, panel, [&](auto rule, auto sgn) {
        windowTilesPiped<MR, NV, Strided, decltype(rule)::value,
                         decltype(sgn)::value>(w, taps, kh, segment, step,
                                               count, panel, out, outStride);
      }))
    return;
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const PackedRows none; // no zero points: no row sums
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
