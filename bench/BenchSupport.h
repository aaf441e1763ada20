// Pieces every benchmark of qcc-bench uses: the run's options, the cache
// that keeps one benchmark's prepared problem alive across the calls Google
// Benchmark makes, the GOPS counter, and fast deterministic random bytes.
#ifndef QCC_BENCH_BENCHSUPPORT_H
#define QCC_BENCH_BENCHSUPPORT_H

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace qcc::bench {

/// Options of this run, set by main() before any benchmark runs.
struct Options {
  /// The model corpus: --corpus=DIR, else $QCC_CORPUS, else the CMake
  /// cache variable QCC_BENCH_CORPUS.
  std::string corpus;
  /// The onnxruntime-node package of the model/onnxruntime benchmarks:
  /// --onnxruntime=DIR, else $QCC_ONNXRUNTIME, else where scripts/bench
  /// installs it in the build tree.
  std::string onnxruntime;
  /// How long qcc-bench waits for each answer of the ONNX Runtime script
  /// (its session ready, a block of runs) before it stops the script:
  /// --onnxruntime-timeout=SECONDS.
  double onnxruntimeTimeout = 300;
};
Options &options();

/// Google Benchmark calls a benchmark's function several times (to find the
/// iteration count, then for repetitions); what it prepares outside the
/// timed loop (packed weights, primitives, gigabytes of cold weights) is
/// kept here between those calls. One entry at a time: asking for another
/// key frees the previous entry first, so at most one benchmark's data is
/// alive.
std::shared_ptr<void>
cachedEntry(const std::string &key,
            const std::function<std::shared_ptr<void>()> &make);

template <typename T>
std::shared_ptr<T> cached(const std::string &key,
                          const std::function<std::shared_ptr<T>()> &make) {
  return std::static_pointer_cast<T>(
      cachedEntry(key, [&]() -> std::shared_ptr<void> { return make(); }));
}

/// Frees the cached entry (after the last benchmark).
void clearCache();

/// GOPS = 2 * MACs per iteration / seconds, as a rate counter.
void setGops(benchmark::State &state, double macsPerIteration);

/// Bytes of xorshift noise from `seed` (fast enough for gigabytes).
void fillRandom(void *data, size_t bytes, uint64_t seed);

/// Memory aligned to 64 bytes, freed with std::free.
struct FreeDeleter {
  void operator()(void *p) const;
};
template <typename T> using AlignedBuffer = std::unique_ptr<T[], FreeDeleter>;
void *alignedAlloc(size_t bytes);
template <typename T> AlignedBuffer<T> alignedBuffer(size_t count) {
  return AlignedBuffer<T>(static_cast<T *>(alignedAlloc(count * sizeof(T))));
}

/// "1.50 GiB", "2.3 MiB".
std::string formatBytes(double bytes);

} // namespace qcc::bench

#endif // QCC_BENCH_BENCHSUPPORT_H
