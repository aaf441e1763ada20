#include "ThreadPool.h"

namespace qcc::rt {

namespace {
/// How long a worker spins for the next loop before it sleeps: the
/// operations of one inference follow each other within microseconds.
constexpr int kSpins = 20000;

inline void pause() {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}
} // namespace

int64_t TaskQueue::next(int thread) {
  Share &own = shares[thread];
  if (own.next.load(std::memory_order_relaxed) < own.end) {
    const int64_t t = own.next.fetch_add(1, std::memory_order_relaxed);
    if (t < own.end)
      return t;
  }
  for (;;) {
    Share *victim = nullptr;
    int64_t most = 0;
    for (int i = 0; i < threads; ++i) {
      const int64_t left =
          shares[i].end - shares[i].next.load(std::memory_order_relaxed);
      if (left > most) {
        most = left;
        victim = &shares[i];
      }
    }
    if (!victim)
      return -1;
    const int64_t t = victim->next.fetch_add(1, std::memory_order_relaxed);
    if (t < victim->end)
      return t;
  }
}

ThreadPool::ThreadPool(int threads)
    : shares(std::make_unique<TaskQueue::Share[]>(
          size_t(threads > 1 ? threads : 1))) {
  for (int t = 1; t < threads; ++t)
    workers.emplace_back([this, t] { workerLoop(t); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping.store(true);
    generation.fetch_add(1);
  }
  wake.notify_all();
  for (std::thread &w : workers)
    w.join();
}

void ThreadPool::runShare(int thread) {
  if (thread >= active)
    return;
  const int64_t begin = count * thread / active;
  const int64_t end = count * (thread + 1) / active;
  if (begin < end)
    (*fn)(begin, end, thread);
}

void ThreadPool::parallelFor(int64_t n, RangeFn f) {
  if (n <= 0)
    return;
  if (workers.empty() || n == 1) {
    f(0, n, 0);
    return;
  }
  // The workers of the last loop are done with these (pending reached 0).
  count = n;
  active = n < size() ? int(n) : size();
  fn = &f;
  pending.store(int(workers.size()), std::memory_order_relaxed);
  // Sequentially consistent against the sleeper count: a worker either sees
  // the new generation before it waits or is counted here (and the lock
  // makes sure it is waiting before the notify).
  generation.fetch_add(1);
  if (sleepingWorkers.load()) {
    { std::lock_guard<std::mutex> lock(mutex); }
    wake.notify_all();
  }
  runShare(0);
  // Wait for the workers: spin first, they are usually close behind.
  for (int i = 0; i < kSpins && pending.load(std::memory_order_acquire); ++i)
    pause();
  if (pending.load(std::memory_order_acquire)) {
    std::unique_lock<std::mutex> lock(mutex);
    callerSleeping.store(true);
    done.wait(lock, [&] { return pending.load() == 0; });
    callerSleeping.store(false);
  }
}

void ThreadPool::parallelTasks(int64_t n, TaskFn f) {
  if (n <= 0)
    return;
  const int threads = n < size() ? int(n) : size();
  TaskQueue queue;
  queue.shares = shares.get();
  queue.threads = threads;
  for (int t = 0; t < threads; ++t) {
    shares[t].next.store(n * t / threads, std::memory_order_relaxed);
    shares[t].end = n * (t + 1) / threads;
  }
  auto body = [&](int64_t, int64_t, int thread) { f(queue, thread); };
  // The shares are written before parallelFor publishes the loop.
  parallelFor(threads, body);
}

void ThreadPool::workerLoop(int thread) {
  uint64_t seen = 0;
  for (;;) {
    uint64_t g = generation.load(std::memory_order_acquire);
    for (int i = 0; i < kSpins && g == seen; ++i) {
      pause();
      g = generation.load(std::memory_order_acquire);
    }
    if (g == seen) {
      std::unique_lock<std::mutex> lock(mutex);
      sleepingWorkers.fetch_add(1);
      wake.wait(lock, [&] { return generation.load() != seen; });
      sleepingWorkers.fetch_sub(1);
      g = generation.load();
    }
    seen = g;
    if (stopping.load(std::memory_order_acquire))
      return;
    runShare(thread);
    // The same pairing as at the start: the caller either sees pending reach
    // 0 before it waits or has said it sleeps before this reads the flag.
    if (pending.fetch_sub(1) == 1 && callerSleeping.load()) {
      { std::lock_guard<std::mutex> lock(mutex); }
      done.notify_one();
    }
  }
}

} // namespace qcc::rt
