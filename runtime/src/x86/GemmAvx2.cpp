// GEMM kernels for AVX2 without VNNI: exact 16-bit products with vpmaddwd
// (see GemmAvx2Family.h); activation rows and weights are 16-bit. Tiles of
// 6 rows x 16 columns (12 accumulators, 2 weight vectors, a broadcast).
#include "gemm/Gemm.h"
#include "ops/Depthwise.h"

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target("avx2,fma,bmi2")
#include "x86/DepthwiseAvx2Family.h"
#include "x86/GemmAvx2Family.h"

namespace qcc::rt {
namespace {

void tilesAnyShape(const PackedWeights &w, const PackedRows &rows,
                   int64_t count, int64_t panel, void *out, int64_t outStride) {
  if (w.shape.mr == 6)
    avx2::tiles<false, 6, 2>(w, rows, count, panel, out, outStride);
  else
    avx2::tiles<false, 4, 2>(w, rows, count, panel, out, outStride);
}

} // namespace

const GemmKernels *gemmKernelsAvx2() {
  // The 4-row tile loads more per product: 64x768x768 took 532 us in it
  // against 435 in 6-row tiles (3 % of them padding), 3x3 on 64 channels
  // 1511 against 1458 (AMD EPYC).
  static const GemmKernels kernels{{{6, 16, 2, 8}, {4, 16, 2, 8, 4, 1.1f}},
                                   2,
                                   /*wideRows=*/true,
                                   DirectRows::kNever,
                                   tilesAnyShape,
                                   /*windowTiles=*/nullptr};
  return &kernels;
}

DepthwiseRowsFn depthwiseAvx2() {
  return family::depthwiseWithPairs<avx2::DepthwiseV256<false>>;
}

} // namespace qcc::rt
#pragma GCC pop_options
