// The kernels of one instruction-set path, as the operations use them.
// Each architecture defines pathKernels (x86/Paths.cpp, arm/Paths.cpp), so
// the operations never name an architecture's kernels.
#ifndef QCC_RUNTIME_OPS_PATHS_H
#define QCC_RUNTIME_OPS_PATHS_H

#include "ops/Depthwise.h"

namespace qcc::rt {

struct ElementwiseKernels;

struct PathKernels {
  const GemmKernels *gemm = nullptr;
  /// For GEMMs with fewer than 16 rows or k < 128, when the path has a
  /// better kernel for them than `gemm` (AMX: AVX-512); else `gemm`.
  const GemmKernels *gemmSmall = nullptr;
  DepthwiseRowsFn depthwise = nullptr;
  int depthwiseLanes = 0;
  /// Depthwise weights as sign-extended int32 rather than int16 with zero
  /// above (see packDepthwise).
  bool depthwiseInt32Weights = false;
  const ElementwiseKernels *elementwise = nullptr;
  /// The byte-tap depthwise kernel (ops/Depthwise.h), or null, and the
  /// inputs its dot products take.
  DepthwiseRowsFn depthwiseBytes = nullptr;
  ByteTaps byteTaps = ByteTaps::kNone;
};

/// The kernels of `isa` on this architecture, or null (the reference path,
/// or another architecture's path).
const PathKernels *pathKernels(int32_t isa);

} // namespace qcc::rt

#endif // QCC_RUNTIME_OPS_PATHS_H
