// Places every intermediate tensor of a function in one arena, once, at
// compile time. Plain C++ so that it is unit-tested without MLIR.
#ifndef QCC_PASSES_ARENAPLANNER_H
#define QCC_PASSES_ARENAPLANNER_H

#include <cstdint>
#include <vector>

namespace qcc {

/// A buffer live from the operation that writes it (`first`) to the last
/// one that reads it (`last`), both inclusive, in program order.
struct BufferRequest {
  int64_t bytes;
  int64_t first;
  int64_t last;
};

struct ArenaPlan {
  std::vector<int64_t> offsets; ///< one per request, in request order
  int64_t size = 0;             ///< end of the highest buffer
};

/// Greedy by size (TFLite's arena planner): the largest buffers first, each
/// at the lowest `alignment`-aligned offset at or above `base` that no buffer
/// live at the same time occupies. Two buffers live at the same operation
/// never overlap, so an operation never writes over its own inputs.
ArenaPlan planArena(const std::vector<BufferRequest> &requests, int64_t base,
                    int64_t alignment);

} // namespace qcc

#endif // QCC_PASSES_ARENAPLANNER_H
