// The timed loop shared by the GEMM and convolution benchmarks: prepare the
// problem and one library's operator once (cached across Google
// Benchmark's calls), check its output against the exact rule once, then
// time run() alone, rotating through the weight sets of a cold benchmark.
#ifndef QCC_BENCH_OPBENCHMARK_H
#define QCC_BENCH_OPBENCHMARK_H

#include "Int8Op.h"
#include "QuantProblem.h"

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

/// What a check found, as labels say it: "exact" or "max diff N LSB", and
/// " (float rule)" when that was the rule checked against.
std::string checkVerdict(int maxDiff, rt::Rounding rule);

/// Registers the benchmark (wall-clock time, GOPS counter).
void registerOpBenchmark(const OpBenchmarkSpec &spec);

/// Enough independent weight sets to span max(1 GiB, 2 x L3).
size_t coldWeightSets(const ConvGeometry &g);

} // namespace qcc::bench

#endif // QCC_BENCH_OPBENCHMARK_H
