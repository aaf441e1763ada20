// GEMM kernels for AMX: tdpbusd multiplies a 16 x 64 tile of uint8 rows by
// a 64 x 16 tile of int8 weights into 16 x 16 int32 accumulators, 16384
// exact products per instruction. The weights' packed layout is the VNNI
// one ([k / 4][nr][4]): a weight tile is 16 rows of k/4 groups, 64 bytes
// of 16 columns each, at a stride of nr * 4 bytes. k is padded to whole
// tiles (64). The accumulators stay in tile registers for the whole k, then
// go through the AVX-512 epilogue.
//
// Wide: 32 rows x 32 columns (2 row tiles, 2 weight tiles, 4 accumulator
// tiles). Narrow, for few rows: 16 x 64 (1 row tile, 4 accumulator tiles,
// 2 weight tiles taken in turn). A tile of rows past the chunk's last row
// reads the packing buffer's spare rows: computed, never stored. So rows
// are read in place only from chunks whose tiles are all whole.
#include "gemm/Gemm.h"

#include <algorithm>
#include <cstring>

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target(                                                            \
    "amx-tile,amx-int8,avx512f,avx512bw,avx512vl,avx512dq,avx512vnni,avx2,fma,bmi2")
#include "x86/Avx512Epilogue.h"

namespace qcc::rt {
namespace {

using namespace avx512;

struct alignas(64) TileConfig {
  uint8_t palette = 1;
  uint8_t startRow = 0;
  uint8_t reserved[14] = {};
  uint16_t bytesPerRow[16] = {};
  uint8_t rows[16] = {};
};

/// Whether this thread's tiles are configured for these kernels: from the
/// first kernel call of a caller's run of calls to its endTiles. Loading
/// the configuration and releasing the tiles cost about 100 ns together,
/// which was 9 % of a 64x768x768 GEMM when every panel paid it.
thread_local bool tilesConfigured = false;

/// Every tile 16 rows of 64 bytes: accumulators (16 int32), rows (64
/// uint8), weights (16 groups of 4 k for 16 columns).
void configureTiles() {
  if (tilesConfigured)
    return;
  TileConfig cfg;
  for (int t = 0; t < 8; ++t) {
    cfg.rows[t] = 16;
    cfg.bytesPerRow[t] = 64;
  }
  _tile_loadconfig(&cfg);
  tilesConfigured = true;
}

/// GemmKernels::endTiles.
void endTiles() {
  if (!tilesConfigured)
    return;
  _tile_release();
  tilesConfigured = false;
}

/// The epilogue of the previous tile, run once the first step of the next
/// tile's multiply-adds is issued, so that the tile unit works while the
/// vector units requantize. It overlaps little: without it 64x768x768
/// takes 19 us, not 28. Slices of it between the next tile's steps, even
/// carried across panels, measured slower (30 us; 512x1024x1024 455 us
/// against 380), though a stand-alone loop of this shape hides such
/// slices almost entirely (docs/performance.md).
struct PendingTile {
  const PackedWeights *w = nullptr;
  const PackedRows *rows = nullptr;
  int64_t row = 0, panel = 0, outStride = 0;
  int count = 0;
  const int32_t *acc = nullptr;
  uint8_t *out = nullptr;
  /// RowRuns::width and valid; out is then the run's first output and row
  /// the tile's first row in the run.
  int64_t width = 0, valid = 0;

  void run() {
    if (count && width)
      finishValid();
    else if (count)
      finish(*w, *rows, row, count, panel, acc, out, outStride);
    count = 0;
  }

  /// The tile's rows that are outputs, one piece per image row.
  void finishValid() {
    const size_t outBytes = w->epilogue.outputType == QCC_RT_I32 ? 4 : 1;
    const int nr = w->shape.nr;
    for (int i = 0; i < count;) {
      const int64_t r = row + i, x = r % width;
      const int n = int(std::min<int64_t>(count - i, width - x));
      if (x < valid)
        finish(*w, *rows, r, int(std::min<int64_t>(n, valid - x)), panel,
               acc + i * nr,
               out + ((r / width) * valid + x) * outStride * outBytes,
               outStride);
      i += n;
    }
  }
};

/// The address of a tile's rows for each 64 bytes of k: k itself, or across
/// the pieces of RowRuns::taps.
struct TapWalk {
  const uint8_t *at;
  int64_t left, piece, skip;
  TapWalk(const uint8_t *a, int64_t pieceBytes, int64_t tapPitch)
      : at(a), left(pieceBytes), piece(pieceBytes),
        skip(tapPitch - pieceBytes) {}
  void next() {
    at += 64;
    left -= 64;
    if (left == 0) {
      at += skip;
      left = piece;
    }
  }
};

/// Weights larger than the L2 come from L3 at each call, a panel at a time,
/// and only the first row tile against a panel waits for it: the others
/// find it in the caches. So while a panel's tiles run, the next panel is
/// prefetched into L2, a few lines per step of k (128x768x3072, 2.4 MB of
/// weights: 262-281 -> 231-250 us). Weights that stay in L2 are not
/// prefetched: 64x768x768 took 28-31 us with it, 25-28 without.
struct NextPanel {
  const int8_t *at = nullptr, *end = nullptr;
  int64_t perStep = 0;
  void step() {
    for (int64_t i = 0; i < perStep && at < end; ++i, at += 64)
      _mm_prefetch(reinterpret_cast<const char *>(at), _MM_HINT_T1);
  }
};

/// 32 rows x 32 columns over all of k: tiles 0-3 accumulate, 4-5 hold
/// rows, 6-7 weights. `Stream` (chunks of one row tile) loads the weights
/// with the hint that they are not read again soon (tileloaddt1), so that
/// they leave the L1 to the rows.
template <bool Stream>
void accumulateWide(TapWalk a, int64_t lda, const int8_t *w, int64_t kPadded,
                    int32_t *acc, PendingTile &pending, NextPanel &next) {
  constexpr int64_t ldw = 32 * 4, ldc = 32 * 4;
  _tile_zero(0);
  _tile_zero(1);
  _tile_zero(2);
  _tile_zero(3);
  for (int64_t k = 0; k < kPadded; k += 64, a.next()) {
    const int8_t *wk = w + k * 32; // (k / 4) groups of 32 columns x 4
    _tile_loadd(4, a.at, lda);
    _tile_loadd(5, a.at + 16 * lda, lda);
    if constexpr (Stream) {
      _tile_stream_loadd(6, wk, ldw);
      _tile_stream_loadd(7, wk + 64, ldw);
    } else {
      _tile_loadd(6, wk, ldw);
      _tile_loadd(7, wk + 64, ldw);
    }
    _tile_dpbusd(0, 4, 6);
    _tile_dpbusd(1, 4, 7);
    _tile_dpbusd(2, 5, 6);
    _tile_dpbusd(3, 5, 7);
    pending.run();
    next.step();
  }
  _tile_stored(0, acc, ldc);
  _tile_stored(1, acc + 16, ldc);
  _tile_stored(2, acc + 16 * 32, ldc);
  _tile_stored(3, acc + 16 * 32 + 16, ldc);
}

/// 16 rows x 64 columns: tiles 0-3 accumulate, 4 holds rows, 5 and 6
/// weights in turn.
void accumulateNarrow(TapWalk a, int64_t lda, const int8_t *w, int64_t kPadded,
                      int32_t *acc, PendingTile &pending, NextPanel &next) {
  constexpr int64_t ldw = 64 * 4, ldc = 64 * 4;
  _tile_zero(0);
  _tile_zero(1);
  _tile_zero(2);
  _tile_zero(3);
  for (int64_t k = 0; k < kPadded; k += 64, a.next()) {
    const int8_t *wk = w + k * 64;
    _tile_loadd(4, a.at, lda);
    _tile_loadd(5, wk, ldw);
    _tile_loadd(6, wk + 64, ldw);
    _tile_dpbusd(0, 4, 5);
    _tile_loadd(5, wk + 128, ldw);
    _tile_dpbusd(1, 4, 6);
    _tile_loadd(6, wk + 192, ldw);
    _tile_dpbusd(2, 4, 5);
    _tile_dpbusd(3, 4, 6);
    pending.run();
    next.step();
  }
  _tile_stored(0, acc, ldc);
  _tile_stored(1, acc + 16, ldc);
  _tile_stored(2, acc + 32, ldc);
  _tile_stored(3, acc + 48, ldc);
}

/// The runs of rows of `runs` against one panel, in one tile configuration
/// and with each tile's epilogue overlapping the next tile's multiply-adds
/// across runs too; `rows` holds their sums when the weights have zero
/// points (one run).
void tileRows(const PackedWeights &w, const PackedRows &rows,
              const RowRuns &runs, int64_t panel, void *outVoid) {
  configureTiles();
  const bool wide = w.shape.nr == 32;
  const int mr = w.shape.mr, nr = w.shape.nr;
  auto *out = static_cast<uint8_t *>(outVoid);
  const size_t outBytes = w.epilogue.outputType == QCC_RT_I32 ? 4 : 1;
  const int8_t *wp = w.data.get() + panel * w.kPadded * nr;
  // Two accumulator buffers: one being finished while the other fills.
  alignas(64) int32_t acc[2][32 * 64];
  PendingTile pending;
  int buffer = 0;
  const int64_t count = runs.count, lda = runs.stride;
  const int64_t pieceBytes = w.kPadded / runs.taps;
  NextPanel next;
  if (runs.prefetchPanels && panel + 1 < w.panels) {
    const int64_t panelBytes = w.kPadded * nr;
    const int64_t steps =
        runs.runs * ((count + mr - 1) / mr) * (w.kPadded / 64);
    next.at = wp + panelBytes;
    next.end = next.at + panelBytes;
    next.perStep = (panelBytes / 64 + steps - 1) / steps;
  }
  for (int64_t j = 0; j < runs.runs; ++j)
    for (int64_t r = 0; r < count; r += mr, buffer ^= 1) {
      const TapWalk a(runs.data + j * runs.runStride + r * lda, pieceBytes,
                      runs.tapPitch);
      if (wide && rows.singleTile)
        accumulateWide<true>(a, lda, wp, w.kPadded, acc[buffer], pending, next);
      else if (wide)
        accumulateWide<false>(a, lda, wp, w.kPadded, acc[buffer], pending,
                              next);
      else
        accumulateNarrow(a, lda, wp, w.kPadded, acc[buffer], pending, next);
      const int n = int(count - r < mr ? count - r : mr);
      uint8_t *runOut = out + j * runs.outRunStride * outBytes;
      pending = PendingTile{&w,
                            &rows,
                            r,
                            panel,
                            runs.outStride,
                            n,
                            acc[buffer],
                            runs.width ? runOut
                                       : runOut + r * runs.outStride * outBytes,
                            runs.width,
                            runs.valid};
    }
  pending.run();
}

void tiles(const PackedWeights &w, const PackedRows &rows, int64_t count,
           int64_t panel, void *out, int64_t outStride) {
  RowRuns runs;
  runs.data = rows.data;
  runs.stride = rows.rowBytes();
  runs.count = count;
  runs.outStride = outStride;
  runs.prefetchPanels = rows.prefetchPanels;
  tileRows(w, rows, runs, panel, out);
}

void strideTiles(const PackedWeights &w, const RowRuns &runs, int64_t panel,
                 void *out) {
  PackedRows rows; // no sums: the caller's weights have no zero points
  rows.kPadded = w.kPadded;
  tileRows(w, rows, runs, panel, out);
}

} // namespace

const GemmKernels *gemmKernelsAmx() {
  // Chunks of one 16x64 tile made ResNet-18 7 % slower (its 14x14 layers
  // on 256 channels, k = 1152 and 2304).
  static const GemmKernels kernels{
      {{32, 32, 4, 16, kAmxTileBytes, 1, false, true},
       {16, 64, 4, 16, kAmxTileBytes}},
      2,
      /*wideRows=*/false,
      DirectRows::kWholeTiles,
      tiles,
      /*windowTiles=*/nullptr,
      /*finishChunk=*/nullptr,
      strideTiles,
      endTiles};
  return &kernels;
}

} // namespace qcc::rt
#pragma GCC pop_options
