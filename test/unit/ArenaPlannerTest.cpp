#include "passes/ArenaPlanner.h"

#include <gtest/gtest.h>

#include <random>

using namespace qcc;

namespace {

void expectNoConflicts(const std::vector<BufferRequest> &r, const ArenaPlan &p,
                       int64_t base, int64_t alignment) {
  for (size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(p.offsets[i] % alignment, 0);
    EXPECT_GE(p.offsets[i], base);
    EXPECT_LE(p.offsets[i] + r[i].bytes, p.size);
    for (size_t j = i + 1; j < r.size(); ++j) {
      bool liveTogether = r[i].first <= r[j].last && r[j].first <= r[i].last;
      bool overlap = p.offsets[i] < p.offsets[j] + r[j].bytes &&
                     p.offsets[j] < p.offsets[i] + r[i].bytes;
      EXPECT_FALSE(liveTogether && overlap) << "buffers " << i << ", " << j;
    }
  }
}

TEST(ArenaPlanner, AChainReusesTwoBuffers) {
  // op i reads buffer i-1 and writes buffer i.
  std::vector<BufferRequest> r;
  for (int i = 0; i < 10; ++i)
    r.push_back({1000, i, i + 1});
  ArenaPlan p = planArena(r, 0, 64);
  expectNoConflicts(r, p, 0, 64);
  EXPECT_EQ(p.size, 1024 + 1000);
}

TEST(ArenaPlanner, StartsAboveTheBase) {
  std::vector<BufferRequest> r = {{10, 0, 0}};
  ArenaPlan p = planArena(r, 100, 64);
  EXPECT_EQ(p.offsets[0], 128);
  EXPECT_EQ(p.size, 138);
}

TEST(ArenaPlanner, RandomLifetimesNeverOverlapWhileLive) {
  std::mt19937 rng(9);
  for (int trial = 0; trial < 200; ++trial) {
    std::uniform_int_distribution<int64_t> bytes(1, 5000), start(0, 40),
        len(0, 10);
    std::vector<BufferRequest> r;
    for (int i = 0; i < 30; ++i) {
      int64_t s = start(rng);
      r.push_back({bytes(rng), s, s + len(rng)});
    }
    ArenaPlan p = planArena(r, 0, 64);
    expectNoConflicts(r, p, 0, 64);
  }
}

} // namespace
