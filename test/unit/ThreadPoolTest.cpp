#include "ThreadPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace qcc::rt;

namespace {

TEST(ThreadPool, ParallelTasksRunsEveryTaskOnce) {
  for (int size : {1, 2, 3, 4}) {
    ThreadPool pool(size);
    for (int64_t count : {0, 1, 2, 3, 7, 100, 1000}) {
      std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
      std::vector<std::atomic<int>> calls(static_cast<size_t>(size));
      auto body = [&](TaskQueue &queue, int thread) {
        ASSERT_GE(thread, 0);
        ASSERT_LT(thread, size);
        ASSERT_LT(thread, count);
        calls[size_t(thread)].fetch_add(1);
        for (int64_t t; (t = queue.next(thread)) >= 0;) {
          ASSERT_LT(t, count);
          runs[size_t(t)].fetch_add(1);
        }
      };
      pool.parallelTasks(count, body);
      for (int64_t t = 0; t < count; ++t)
        EXPECT_EQ(runs[size_t(t)].load(), 1)
            << "task " << t << " of " << count << ", " << size << " threads";
      for (int t = 0; t < size; ++t)
        EXPECT_LE(calls[size_t(t)].load(), 1) << "thread " << t;
    }
  }
}

TEST(ThreadPool, AThreadHeldUpGivesItsTasksAway) {
  // Task 0 (the first of the caller's share, [0, 50)) is held until the 99
  // others have run. Without taking from another's share that cannot
  // happen: the caller holds task 0 and no one else runs 1 to 49. With it,
  // the worker takes them (or, if it was quicker, took task 0 itself).
  ThreadPool pool(2);
  std::atomic<int> others{0};
  std::atomic<bool> timedOut{false};
  std::vector<std::atomic<int>> runs(100);
  auto body = [&](TaskQueue &queue, int thread) {
    for (int64_t t; (t = queue.next(thread)) >= 0;) {
      runs[size_t(t)].fetch_add(1);
      if (t != 0) {
        others.fetch_add(1);
        continue;
      }
      const auto limit =
          std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (others.load() < 99 && !timedOut.load()) {
        if (std::chrono::steady_clock::now() > limit)
          timedOut.store(true);
        std::this_thread::yield();
      }
    }
  };
  pool.parallelTasks(100, body);
  EXPECT_FALSE(timedOut.load());
  EXPECT_EQ(others.load(), 99);
  for (int t = 0; t < 100; ++t)
    EXPECT_EQ(runs[size_t(t)].load(), 1) << "task " << t;
}

TEST(ThreadPool, ParallelForGivesEachThreadOneRange) {
  ThreadPool pool(3);
  for (int64_t count : {1, 2, 5, 64}) {
    std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
    std::atomic<int> calls{0};
    auto body = [&](int64_t begin, int64_t end, int) {
      calls.fetch_add(1);
      for (int64_t i = begin; i < end; ++i)
        runs[size_t(i)].fetch_add(1);
    };
    pool.parallelFor(count, body);
    EXPECT_EQ(calls.load(), count < 3 ? count : 3);
    for (int64_t i = 0; i < count; ++i)
      EXPECT_EQ(runs[size_t(i)].load(), 1) << "index " << i;
  }
}

} // namespace
