// The timed loop shared by the GEMM and convolution benchmarks: prepare the
// problem and one library's operator once (cached across Google
// Benchmark's calls), check its output against the exact rule once, then
// time run() alone, rotating through the weight sets of a cold benchmark.
#ifndef QCC_BENCH_OPBENCHMARK_H
#define QCC_BENCH_OPBENCHMARK_H

#include "Int8Op.h"
#include "QuantProblem.h"

#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <string>

namespace qcc::bench {

using MakeOp = std::function<std::unique_ptr<Int8Op>(const QuantProblem &)>;

struct OpBenchmarkSpec {
  std::string name;
  ConvGeometry geometry;
  /// 1, or coldWeightSets(geometry) for a cold benchmark.
  size_t weightSets = 1;
  MakeOp make;
};

/// A benchmark's operator, prepared and checked once: the problem it runs on
/// (declared first, so that it outlives the operator), the operator, and its
/// label or why it cannot run.
struct PreparedOp {
  std::shared_ptr<const void> problem;
  std::unique_ptr<Int8Op> op;
  std::string error; ///< why the benchmark cannot run, or empty
  std::string label;
};

/// The timed part of every operator benchmark: skips with p.error, or times
/// run() alone on the benchmark's thread, rotating through `sets` weight
/// sets, and sets the label. False when skipped.
bool timePrepared(benchmark::State &state, const PreparedOp &p, size_t sets);

/// What a check found, as labels say it: "exact" or "max diff N LSB", and
/// " (float rule)" when that was the rule checked against.
std::string checkVerdict(int maxDiff, rt::Rounding rule);

/// Registers the benchmark (wall-clock time, GOPS counter).
void registerOpBenchmark(const OpBenchmarkSpec &spec);

/// Enough independent weight sets to span max(1 GiB, 2 x L3).
size_t coldWeightSets(const ConvGeometry &g);

} // namespace qcc::bench

#endif // QCC_BENCH_OPBENCHMARK_H
