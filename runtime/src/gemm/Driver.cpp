// The loop around the kernels: rows in chunks that stay in L2, each chunk
// packed once per thread, then every panel of weights (which stays in L1
// while the chunk's row tiles go by) against it. Work is split over
// (chunk, panel) pairs, chunk-major, so a thread packs each of its chunks
// once (and, when it takes pairs from a slower thread, their chunk too); an
// output depends on its row and column only, never on the split.
#include "ThreadPool.h"
#include "gemm/Gemm.h"

#include <algorithm>
#include <cstdint>

namespace qcc::rt {

namespace {

/// Packed rows of one chunk: at most this many bytes, whole tiles.
constexpr int64_t kChunkBytes = 192 * 1024;
/// The L1 data cache: a panel stays there while a chunk's row tiles go by
/// only if it and a row tile take less.
constexpr int64_t kL1Bytes = 48 * 1024;

/// Whether `w` is run in chunks of one row tile (GemmShape::singleTileChunks).
bool singleTileChunks(const PackedWeights &w) {
  const int64_t mr = w.shape.mr, nr = w.shape.nr;
  return w.shape.singleTileChunks && w.kPadded * (mr + nr) >= kL1Bytes &&
         w.bytes() <= kL2WeightBytes;
}

int64_t chunkRows(const PackedWeights &w, bool wide) {
  const int64_t rowBytes = w.kPadded * (wide ? 2 : 1);
  const int64_t mr = w.shape.mr;
  return std::max<int64_t>(mr, kChunkBytes / rowBytes / mr * mr);
}

size_t elementBytes(int32_t type) {
  return type == QCC_RT_U8 || type == QCC_RT_I8 ? 1 : 4;
}

} // namespace

size_t gemmScratchBytes(const PackedWeights &w) {
  const int64_t narrowRows = chunkRows(w, false), wideRows = chunkRows(w, true);
  const int64_t data =
      std::max(narrowRows * w.kPadded, wideRows * w.kPadded * 2);
  const int64_t sums = (narrowRows * 4 + 63) / 64 * 64;
  const int64_t accumulators = (narrowRows * w.shape.nr * 4 + 63) / 64 * 64;
  return size_t((data + 63) / 64 * 64 + sums + accumulators +
                2 * w.kPadded * 2);
}

GemmShape chooseShape(const GemmKernels &kernels, int64_t m, int64_t n) {
  // The shape that wastes the least time on padding rows and columns and
  // on its own cost; the earlier one on a tie.
  auto waste = [&](const GemmShape &s) {
    const int64_t rows = (m + s.mr - 1) / s.mr * s.mr;
    const int64_t cols = (n + s.nr - 1) / s.nr * s.nr;
    return double(rows) * double(cols) / (double(m) * double(n)) * s.cost;
  };
  int best = 0;
  for (int i = 1; i < kernels.shapeCount; ++i)
    if (waste(kernels.shapes[i]) < waste(kernels.shapes[best]))
      best = i;
  return kernels.shapes[best];
}

void runGemm(const GemmKernels &kernels, const GemmCall &call, ThreadPool &pool,
             uint8_t *const *scratch) {
  const PackedWeights &w = *call.weights;
  if (call.m <= 0 || w.n <= 0)
    return;
  // AMX 64x768x768 (0.6 MB of weights, 48 KB of tile and panel) took
  // 22-25 us in chunks of one 32-row tile, 26-28 in one chunk; 128x768x3072
  // (2.4 MB) 364-445 us in such chunks, reading its weights from L3 four
  // times, 271-287 in chunks of 224 rows.
  const bool singleTile = singleTileChunks(w);
  const int64_t rowsPerChunk =
      singleTile ? w.shape.mr : chunkRows(w, kernels.wideRows);
  // Chunks of whole tiles, as even as can be, and as many per thread: the
  // tasks are split evenly by count, so a short last chunk would leave one
  // thread waiting for the other. One chunk stays one when its panels
  // split evenly and its weights outweigh its rows: its threads then split
  // the panels, and each reads only its share of the weights. Otherwise
  // the threads split the rows: where the panels do not split evenly
  // (MobileNetV2's 1x1 layers to 144 channels: 3 panels, 2 of them for one
  // thread, 1.34x on 2 threads), and where each thread would pack more rows
  // than it saves weights (ResNet-18's 1x1 stride-2 layer from 64 to 128
  // channels, 8 KB of weights over 50 KB of gathered rows: 21.7 -> 13 us).
  const int64_t mr = w.shape.mr, tiles = (call.m + mr - 1) / mr;
  int64_t chunks = (call.m + rowsPerChunk - 1) / rowsPerChunk;
  const int64_t threads = pool.size();
  if (threads > 1 && tiles >= threads &&
      (chunks > 1 || w.panels % threads != 0 ||
       w.bytes() <= call.m * w.kPadded))
    chunks = std::min(tiles, (chunks + threads - 1) / threads * threads);
  auto chunkBegin = [&](int64_t c) {
    return std::min(call.m, c * tiles / chunks * mr);
  };
  const int64_t tasks = chunks * w.panels;
  const size_t outBytes = elementBytes(w.epilogue.outputType);
  auto body = [&](TaskQueue &queue, int thread) {
    TileRun run(kernels);
    PackedRows rows;
    rows.data = scratch[thread];
    rows.kPadded = w.kPadded;
    rows.wide = kernels.wideRows;
    rows.needSums = w.zeroPoints != nullptr;
    rows.singleTile = singleTile;
    // One chunk on several threads: each reads its share of the panels.
    rows.prefetchPanels =
        w.bytes() / (chunks == 1 ? threads : 1) > kL2StreamedBytes;
    const int64_t dataBytes = (rowsPerChunk * rows.rowBytes() + 63) / 64 * 64;
    rows.rowSums = reinterpret_cast<int32_t *>(scratch[thread] + dataBytes);
    rows.accumulators = reinterpret_cast<int32_t *>(
        scratch[thread] + dataBytes + (rowsPerChunk * 4 + 63) / 64 * 64);
    rows.spare = reinterpret_cast<uint8_t *>(rows.accumulators) +
                 (rowsPerChunk * w.shape.nr * 4 + 63) / 64 * 64;
    int64_t packed = -1;
    for (int64_t t; (t = queue.next(thread)) >= 0;) {
      const int64_t chunk = t / w.panels, panel = t % w.panels;
      const int64_t first = chunkBegin(chunk);
      const int64_t count = chunkBegin(chunk + 1) - first;
      if (chunk != packed) {
        // Rows in memory as the kernels want them are read in place.
        const bool wholeTiles = first + (count + mr - 1) / mr * mr <= call.m;
        const uint8_t *in =
            !rows.needSums && (kernels.directRows == DirectRows::kAlways ||
                               (kernels.directRows == DirectRows::kWholeTiles &&
                                wholeTiles))
                ? call.rows->direct(first, w.kPadded)
                : nullptr;
        // Tiles of rows that straddle cache lines load at about two thirds
        // of the speed, so those rows are packed (AMX 64x768x768: 29 us
        // from aligned rows, 43 us from misaligned ones, 31 us packed).
        if (kernels.directRows == DirectRows::kWholeTiles &&
            reinterpret_cast<uintptr_t>(in) % 64 != 0)
          in = nullptr;
        rows.data = in ? const_cast<uint8_t *>(in) : scratch[thread];
        if (!in) {
          call.rows->pack(first, first + count, rows);
          if (kernels.finishChunk)
            kernels.finishChunk(rows, count);
        }
        packed = chunk;
      }
      auto *out = static_cast<uint8_t *>(call.out) +
                  (first * call.outStride + panel * w.shape.nr) * outBytes;
      kernels.tiles(w, rows, count, panel, out, call.outStride);
    }
  };
  pool.parallelTasks(tasks, body);
}

} // namespace qcc::rt
