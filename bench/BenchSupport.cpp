#include "BenchSupport.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

namespace qcc::bench {

Options &options() {
  static Options o;
  return o;
}

namespace {
struct CacheSlot {
  std::string key;
  std::shared_ptr<void> value;
};
CacheSlot &slot() {
  static CacheSlot s;
  return s;
}
} // namespace

std::shared_ptr<void>
cachedEntry(const std::string &key,
            const std::function<std::shared_ptr<void>()> &make) {
  CacheSlot &s = slot();
  if (s.value && s.key == key)
    return s.value;
  s.value.reset(); // free the previous benchmark's data before making more
  s.key = key;
  s.value = make();
  return s.value;
}

void clearCache() {
  slot().value.reset();
  slot().key.clear();
}

void setGops(benchmark::State &state, double macsPerIteration) {
  state.counters["GOPS"] = benchmark::Counter(
      2.0 * macsPerIteration * double(state.iterations()) / 1e9,
      benchmark::Counter::kIsRate);
}

void fillRandom(void *data, size_t bytes, uint64_t seed) {
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
  auto *p = static_cast<uint8_t *>(data);
  size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    std::memcpy(p + i, &x, 8);
  }
  for (; i < bytes; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    p[i] = uint8_t(x);
  }
}

void FreeDeleter::operator()(void *p) const { std::free(p); }

void *alignedAlloc(size_t bytes) {
  const size_t rounded = (bytes + 63) / 64 * 64;
  void *p = std::aligned_alloc(64, rounded ? rounded : 64);
  if (!p)
    throw std::bad_alloc();
  return p;
}

std::string formatBytes(double bytes) {
  const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char text[32];
  std::snprintf(text, sizeof(text), bytes < 10 ? "%.2f %s" : "%.0f %s", bytes,
                units[u]);
  return text;
}

} // namespace qcc::bench
