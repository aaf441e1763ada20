// A fixed pool of worker threads that runs one parallel loop at a time. The
// caller takes part as thread 0. parallelFor splits a loop statically;
// parallelTasks lets a thread that is done take another's tasks. Either way
// a task computes its outputs with the same instructions whichever thread
// runs it, so results are bit-identical for any thread count and any
// schedule. Threads spin between loops and touch
// the mutex only to sleep or to wake a sleeper: a loop start and its end are
// then one cache-line handoff each, which matters for loops of a few
// microseconds (each lock and notify costs a handoff more).
#ifndef QCC_RUNTIME_THREADPOOL_H
#define QCC_RUNTIME_THREADPOOL_H

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace qcc::rt {

/// A non-owning reference to a callable `void(Args...)`, so that a parallel
/// loop allocates nothing.
template <typename... Args> class FnRef {
public:
  template <typename F>
  FnRef(F &f) // NOLINT: implicit from any callable
      : object(&f),
        call([](void *o, Args... args) { (*static_cast<F *>(o))(args...); }) {}
  void operator()(Args... args) const { call(object, args...); }

private:
  void *object;
  void (*call)(void *, Args...);
};

/// fn(begin, end, thread).
using RangeFn = FnRef<int64_t, int64_t, int>;

/// The tasks [0, count) of one parallelTasks loop. Each thread starts on a
/// contiguous share, as parallelFor would give it, and takes its tasks in
/// order; a thread whose share is done takes the next tasks of the share
/// with the most left, one at a time. So a core slowed by a neighbour (a
/// shared host, a hybrid CPU) does less of the work instead of holding up
/// the loop, and a thread that starts late is caught up by the others.
class TaskQueue {
public:
  /// The next task for `thread`, or -1 when every task is taken.
  int64_t next(int thread);

private:
  friend class ThreadPool;
  struct alignas(64) Share {
    // Owner and thieves alike take `next` and keep it if it is below `end`.
    std::atomic<int64_t> next{0};
    int64_t end = 0;
  };
  Share *shares = nullptr;
  int threads = 0;
};

/// fn(queue, thread).
using TaskFn = FnRef<TaskQueue &, int>;

class ThreadPool {
public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  int size() const { return int(workers.size()) + 1; }

  /// Calls fn(begin, end, thread) on contiguous, balanced ranges covering
  /// [0, count), at most one range per thread, and returns when all are done.
  void parallelFor(int64_t count, RangeFn fn);

  /// Calls fn(queue, thread) once on each thread (at most count of them),
  /// each taking tasks from the queue until it is empty, and returns when all
  /// are done. For loops whose tasks are many and even: which thread runs a
  /// task varies from run to run, so a task's result must not depend on it.
  void parallelTasks(int64_t count, TaskFn fn);

private:
  void workerLoop(int thread);
  void runShare(int thread);

  std::vector<std::thread> workers;
  std::unique_ptr<TaskQueue::Share[]> shares;
  std::mutex mutex;
  std::condition_variable wake;
  std::condition_variable done;
  // The current loop, written before generation changes to start it and read
  // after; pending counts the workers still in it.
  alignas(64) std::atomic<uint64_t> generation{0};
  std::atomic<bool> stopping{false};
  int64_t count = 0;
  int active = 1;
  const RangeFn *fn = nullptr;
  alignas(64) std::atomic<int> pending{0};
  // Threads in (or about to enter) a wait on wake or done; a notify is
  // needed only when one is.
  alignas(64) std::atomic<int> sleepingWorkers{0};
  std::atomic<bool> callerSleeping{false};
};

} // namespace qcc::rt

#endif // QCC_RUNTIME_THREADPOOL_H
