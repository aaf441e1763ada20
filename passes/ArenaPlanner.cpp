#include "passes/ArenaPlanner.h"

#include <algorithm>
#include <numeric>

namespace qcc {

static int64_t alignUp(int64_t v, int64_t a) { return (v + a - 1) / a * a; }

ArenaPlan planArena(const std::vector<BufferRequest> &requests, int64_t base,
                    int64_t alignment) {
  ArenaPlan plan;
  plan.offsets.assign(requests.size(), -1);
  plan.size = base;
  std::vector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (requests[a].bytes != requests[b].bytes)
      return requests[a].bytes > requests[b].bytes;
    return requests[a].first < requests[b].first;
  });

  std::vector<size_t> placed;
  for (size_t i : order) {
    const BufferRequest &r = requests[i];
    // Buffers already placed whose lifetime meets this one, by offset.
    std::vector<size_t> conflicts;
    for (size_t j : placed)
      if (requests[j].first <= r.last && r.first <= requests[j].last)
        conflicts.push_back(j);
    std::sort(conflicts.begin(), conflicts.end(), [&](size_t a, size_t b) {
      return plan.offsets[a] < plan.offsets[b];
    });
    int64_t offset = alignUp(base, alignment);
    for (size_t j : conflicts) {
      if (offset + r.bytes <= plan.offsets[j])
        break;
      offset = std::max(
          offset, alignUp(plan.offsets[j] + requests[j].bytes, alignment));
    }
    plan.offsets[i] = offset;
    plan.size = std::max(plan.size, offset + r.bytes);
    placed.push_back(i);
  }
  return plan;
}

} // namespace qcc
