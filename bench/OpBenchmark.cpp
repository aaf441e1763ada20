#include "OpBenchmark.h"

#include "BenchSupport.h"
#include "MachineInfo.h"

#include <algorithm>
#include <cstdio>
#include <exception>

namespace qcc::bench {

namespace {

/// One seed per geometry: every library gets the same data.
uint64_t seedOf(const ConvGeometry &g) {
  uint64_t h = 1469598103934665603ull;
  for (int64_t v :
       {g.inH, g.inW, g.channels, g.outChannels, int64_t(g.kernelH),
        int64_t(g.kernelW), int64_t(g.stride), int64_t(g.pad), g.groups})
    h = (h ^ uint64_t(v)) * 1099511628211ull;
  return h;
}

std::shared_ptr<PreparedOp> prepare(const OpBenchmarkSpec &spec) {
  auto p = std::make_shared<PreparedOp>();
  std::shared_ptr<QuantProblem> problem;
  try {
    problem = std::make_shared<QuantProblem>(
        spec.geometry, seedOf(spec.geometry), spec.weightSets);
    p->problem = problem;
    p->op = spec.make(*problem);
  } catch (const std::exception &e) {
    p->error = e.what();
    return p;
  }
  // Once, outside the timed loop: the first and the last weight set.
  std::string verdict;
  for (size_t set : {size_t(0), spec.weightSets - 1}) {
    p->op->run(set);
    QuantProblem::Check c =
        problem->check(p->op->output(), p->op->signedOutput(), p->op->rule(),
                       p->op->tolerance(), set);
    if (!c.ok) {
      p->error = p->op->describe() + ": " + c.text;
      return p;
    }
    verdict = checkVerdict(c.maxDiff, p->op->rule());
    if (spec.weightSets == 1)
      break;
  }
  p->label = p->op->describe() + "; " + verdict;
  if (spec.weightSets > 1)
    p->label += "; " + std::to_string(spec.weightSets) + " weight sets, " +
                formatBytes(double(spec.weightSets) *
                            double(problem->weightBytesPerSet()));
  return p;
}

} // namespace

bool timePrepared(benchmark::State &state, const PreparedOp &p, size_t sets) {
  if (!p.error.empty()) {
    state.SkipWithError(p.error.c_str());
    return false;
  }
  Int8Op &op = *p.op;
  op.bindThread();
  size_t set = 0;
  for (auto _ : state) {
    op.run(set);
    if (++set == sets)
      set = 0;
  }
  state.SetLabel(p.label);
  return true;
}

std::string checkVerdict(int maxDiff, rt::Rounding rule) {
  return (maxDiff == 0 ? std::string("exact")
                       : "max diff " + std::to_string(maxDiff) + " LSB") +
         (rule == rt::Rounding::FloatHalfEven ? " (float rule)" : "");
}

size_t coldWeightSets(const ConvGeometry &g) {
  const double span = std::max(double(1ull << 30), 2.0 * double(l3Bytes()));
  const double bytes = double(g.weightElements());
  return std::max<size_t>(2, size_t((span + bytes - 1) / bytes));
}

void registerOpBenchmark(const OpBenchmarkSpec &spec) {
  benchmark::RegisterBenchmark(spec.name.c_str(),
                               [spec](benchmark::State &state) {
                                 auto p = cached<PreparedOp>(
                                     spec.name, [&] { return prepare(spec); });
                                 if (timePrepared(state, *p, spec.weightSets))
                                   setGops(state, double(spec.geometry.macs()));
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

} // namespace qcc::bench
