// The epilogue of a GEMM tile on AArch64 (gemm/EpilogueFamily.h on 4
// lanes). Shared by the NEON, dotprod and i8mm kernels.
#ifndef QCC_RUNTIME_ARM_NEONEPILOGUE_H
#define QCC_RUNTIME_ARM_NEONEPILOGUE_H

#include "arm/NeonRequant.h"
#include "gemm/EpilogueFamily.h"

namespace qcc::rt::neon {
namespace {

inline void finish(const PackedWeights &w, const PackedRows &rows, int64_t row,
                   int rowCount, int64_t panel, const int32_t *acc,
                   uint8_t *out, int64_t outStride) {
  family::finish<EpilogueV128>(w, rows, row, rowCount, panel, acc, out,
                               outStride);
}

} // namespace
} // namespace qcc::rt::neon

#endif // QCC_RUNTIME_ARM_NEONEPILOGUE_H
