// The epilogue of a GEMM tile on AVX-512 (gemm/EpilogueFamily.h on 16
// lanes). Shared by the AVX-512 VNNI and AMX kernels; included after their
// target pragma.
#ifndef QCC_RUNTIME_X86_AVX512EPILOGUE_H
#define QCC_RUNTIME_X86_AVX512EPILOGUE_H

#include "gemm/EpilogueFamily.h"
#include "x86/Avx512Requant.h"

namespace qcc::rt::avx512 {
namespace {

inline void finish(const PackedWeights &w, const PackedRows &rows, int64_t row,
                   int rowCount, int64_t panel, const int32_t *acc,
                   uint8_t *out, int64_t outStride) {
  family::finish<EpilogueV512>(w, rows, row, rowCount, panel, acc, out,
                               outStride);
}

/// finish for accumulators that start from the bias (the AVX-512 GEMM
/// where k is not blocked, and its in-place windows): an addition per
/// vector less (1x1 16 -> 96 on
/// 112x112: 194-198 -> 189-190 us).
inline void finishBiasAdded(const PackedWeights &w, const PackedRows &rows,
                            int64_t row, int rowCount, int64_t panel,
                            const int32_t *acc, uint8_t *out,
                            int64_t outStride) {
  family::finish<EpilogueV512, true>(w, rows, row, rowCount, panel, acc, out,
                                     outStride);
}

} // namespace
} // namespace qcc::rt::avx512

#endif // QCC_RUNTIME_X86_AVX512EPILOGUE_H
