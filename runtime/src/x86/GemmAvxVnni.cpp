// GEMM kernels for AVX-VNNI: vpdpbusd on ymm (see GemmAvx2Family.h). Tiles
// of 4 rows x 24 columns (12 accumulators of the 16 registers) or 6 x 16.
#include "gemm/Gemm.h"
#include "ops/Depthwise.h"

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target("avx2,avxvnni,fma,bmi2")
#include "x86/DepthwiseAvx2Family.h"
#include "x86/GemmAvx2Family.h"

namespace qcc::rt {
namespace {

void tilesAnyShape(const PackedWeights &w, const PackedRows &rows,
                   int64_t count, int64_t panel, void *out, int64_t outStride) {
  if (w.shape.nr == 24)
    avx2::tiles<true, 4, 3>(w, rows, count, panel, out, outStride);
  else
    avx2::tiles<true, 6, 2>(w, rows, count, panel, out, outStride);
}

} // namespace

const GemmKernels *gemmKernelsAvxVnni() {
  static const GemmKernels kernels{{{4, 24, 4, 8}, {6, 16, 4, 8}},
                                   2,
                                   /*wideRows=*/false,
                                   DirectRows::kAlways,
                                   tilesAnyShape,
                                   /*windowTiles=*/nullptr};
  return &kernels;
}

DepthwiseRowsFn depthwiseAvxVnni() {
  return family::depthwiseWithPairs<avx2::DepthwiseV256<true>>;
}

DepthwiseRowsFn depthwiseBytesAvxVnni() {
  return family::depthwiseBytes<avx2::DepthwiseBytesV256>;
}

} // namespace qcc::rt
#pragma GCC pop_options
