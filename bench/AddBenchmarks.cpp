// Quantized adds of two uint8 tensors of one shape (the residual adds of
// ResNet-18 and MobileNetV2): qcc's add in its default rule (TFLite's,
// exact in integers) on every path this CPU supports and in the float rule,
// XNNPACK's qu8 add, and oneDNN's binary add (in float). Each is checked
// once, on every element, against the rule it computes (qcc exactly, the
// libraries within 1 LSB of the float rule). The GOPS counter counts one
// operation per output element.
#include "AddProblem.h"
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "OneDnn.h"
#include "OpBenchmark.h"
#include "QccOps.h"
#include "Xnnpack.h"

#include "qcc/runtime/qcc_runtime.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <string>

namespace qcc::bench {

namespace {

/// The models' adds, their quantization rounded.
const AddCase kAddCases[] = {
    // ResNet-18's first residual add (layer1.0): the convolution's output
    // plus the block's input, which a ReLU left at zero point 0.
    {"1x64x56x56", 64 * 56 * 56, 107, 0, 0, 0.0527, 0.0695, 0.0912},
    // MobileNetV2's first residual add (features.3).
    {"1x24x56x56", 24 * 56 * 56, 122, 107, 105, 0.21, 0.071, 0.25},
};

using MakeAdd = std::function<std::unique_ptr<Int8Op>(const AddProblem &)>;

std::shared_ptr<PreparedOp> prepare(const AddCase &c, const MakeAdd &make) {
  auto p = std::make_shared<PreparedOp>();
  std::shared_ptr<AddProblem> problem;
  try {
    problem = std::make_shared<AddProblem>(c);
    p->problem = problem;
    p->op = make(*problem);
  } catch (const std::exception &e) {
    p->error = e.what();
    return p;
  }
  p->op->run(0);
  const auto *out = static_cast<const uint8_t *>(p->op->output());
  int maxDiff = 0;
  for (int64_t i = 0; i < c.count; ++i) {
    const int want = problem->expected(i, p->op->rule());
    const int diff = std::abs(int(out[i]) - want);
    if (diff > p->op->tolerance()) {
      p->error = p->op->describe() + ": element " + std::to_string(i) + " is " +
                 std::to_string(out[i]) + ", the rule gives " +
                 std::to_string(want);
      return p;
    }
    maxDiff = std::max(maxDiff, diff);
  }
  p->label = p->op->describe() + "; " + checkVerdict(maxDiff, p->op->rule());
  return p;
}

void addBenchmark(const std::string &library, const AddCase &c,
                  const std::string &variant, MakeAdd make) {
  const std::string name =
      "add/" + library + "/" + c.text + (variant.empty() ? "" : "/" + variant);
  benchmark::RegisterBenchmark(
      name.c_str(),
      [name, &c, make](benchmark::State &state) {
        auto p = cached<PreparedOp>(name, [&] { return prepare(c, make); });
        if (timePrepared(state, *p, 1))
          state.counters["GOPS"] = benchmark::Counter(
              double(c.count) * double(state.iterations()) / 1e9,
              benchmark::Counter::kIsRate);
      })
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

} // namespace

void registerAddBenchmarks() {
  for (const AddCase &c : kAddCases) {
    auto qcc = [](int32_t isa, rt::Rounding rule = rt::Rounding::DoubleRound) {
      return [=](const AddProblem &p) { return makeQccAdd(p, isa, rule); };
    };
    addBenchmark("qcc", c, "", qcc(QCC_RT_ISA_AUTO));
    for (int32_t isa : qccSupportedIsas())
      addBenchmark("qcc", c, qcc_rt_isa_name(isa), qcc(isa));
    addBenchmark("qcc", c, "float-rule",
                 qcc(QCC_RT_ISA_AUTO, rt::Rounding::FloatHalfEven));
    addBenchmark("onednn", c, "", makeOneDnnAdd);
    addBenchmark("xnnpack", c, "", makeXnnpackAdd);
  }
}

} // namespace qcc::bench
