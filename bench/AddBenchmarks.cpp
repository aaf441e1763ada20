// Quantized adds of two uint8 tensors of one shape, each with its zero point
// and scale, into uint8 (the residual adds of ResNet-18 and MobileNetV2):
// qcc's add in its default rule (TFLite's, exact in integers) on every path
// this CPU supports and in the float rule, XNNPACK's qu8 add, and oneDNN's
// binary add (both sources scaled, the zero points in a linear post-op,
// in float). Each is checked once, on every element, against the rule it
// computes (qcc exactly, the libraries within 1 LSB of the float rule). The
// GOPS counter counts one operation per output element.
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "Int8Op.h"
#include "OpBenchmark.h"
#include "QccOps.h"

#include "qcc/runtime/Requantize.h"
#include "qcc/runtime/qcc_runtime.h"

#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>
#include <xnnpack.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace qcc::bench {

namespace {

/// A shape and the quantization of its three tensors (those of the models'
/// adds, rounded).
struct AddCase {
  const char *text; ///< the shape as the benchmark names it
  int64_t count;
  int32_t zpA, zpB, zpOut;
  double sA, sB, sOut;
};

const AddCase kAddCases[] = {
    // ResNet-18's first residual add (layer1.0): the convolution's output
    // plus the block's input, which a ReLU left at zero point 0.
    {"1x64x56x56", 64 * 56 * 56, 107, 0, 0, 0.0527, 0.0695, 0.0912},
    // MobileNetV2's first residual add (features.3).
    {"1x24x56x56", 24 * 56 * 56, 122, 107, 105, 0.21, 0.071, 0.25},
};

/// The inputs and both rules' parameters, as a compiler derives them.
class AddProblem {
public:
  explicit AddProblem(const AddCase &c)
      : c(c), a(alignedBuffer<uint8_t>(size_t(c.count) + QuantProblem::kSlack)),
        b(alignedBuffer<uint8_t>(size_t(c.count) + QuantProblem::kSlack)) {
    fillRandom(a.get(), size_t(c.count), uint64_t(c.count) * 3 + 1);
    fillRandom(b.get(), size_t(c.count), uint64_t(c.count) * 5 + 2);
    // TFLite: both inputs to the common scale 2 max(sA, sB), the sum to the
    // output's, after the headroom shift.
    const double twiceMax = 2 * std::max(c.sA, c.sB);
    if (rt::quantizeMultiplier(c.sA / twiceMax, mA) !=
            rt::MultiplierError::None ||
        rt::quantizeMultiplier(c.sB / twiceMax, mB) !=
            rt::MultiplierError::None ||
        rt::quantizeMultiplier(
            twiceMax / (std::ldexp(1.0, rt::kAddLeftShift) * c.sOut), mOut) !=
            rt::MultiplierError::None)
      throw std::runtime_error("add scales out of range");
    rA = float(c.sA / c.sOut);
    rB = float(c.sB / c.sOut);
  }

  const AddCase &shape() const { return c; }
  const uint8_t *inputA() const { return a.get(); }
  const uint8_t *inputB() const { return b.get(); }

  int32_t expected(int64_t i, rt::Rounding rule) const {
    if (rule == rt::Rounding::FloatHalfEven)
      return rt::addFloat(a[i], b[i], c.zpA, c.zpB, rA, rB, c.zpOut, 0, 255);
    return rt::addQuantized(a[i], b[i], c.zpA, c.zpB, rt::kAddLeftShift, mA, mB,
                            mOut, rule, c.zpOut, 0, 255);
  }

  const AddCase &c;
  AlignedBuffer<uint8_t> a, b;
  rt::QuantizedMultiplier mA, mB, mOut; ///< the integer rules'
  float rA, rB;                         ///< the float rule's sA/sOut, sB/sOut
};

class QccAdd final : public Int8Op {
public:
  QccAdd(const AddProblem &p, int32_t isa, rt::Rounding rounding)
      : p(p), rounding(rounding),
        out(alignedBuffer<uint8_t>(size_t(p.shape().count))) {
    const int32_t rule = rounding == rt::Rounding::DoubleRound
                             ? QCC_RT_ROUND_DOUBLE
                             : QCC_RT_ROUND_FLOAT_HALF_EVEN;
    auto requant = [&](const rt::QuantizedMultiplier &m, const float *scale,
                       int32_t zp, int32_t lo, int32_t hi) {
      qcc_rt_requant r{};
      r.rounding = rule;
      r.channels = 1;
      r.multiplier = &m.multiplier;
      r.shift = &m.shift;
      r.scale = scale;
      r.output_zero_point = zp;
      r.clamp_min = lo;
      r.clamp_max = hi;
      return r;
    };
    const AddCase &c = p.shape();
    d.kind = QCC_RT_OP_ADD;
    d.type = QCC_RT_U8;
    d.count = c.count;
    d.a_zero_point = c.zpA;
    d.b_zero_point = c.zpB;
    d.left_shift = rt::kAddLeftShift;
    d.a_rescale = requant(p.mA, &p.rA, 0, INT32_MIN, INT32_MAX);
    d.b_rescale = requant(p.mB, &p.rB, 0, INT32_MIN, INT32_MAX);
    d.output = requant(p.mOut, &one, c.zpOut, 0, 255);
    op = &d;
    info = {QCC_RT_ABI_VERSION, 1, &op, 0};
    const qcc_rt_options opts{isa, 1};
    ctx = qcc_rt_context_create_with(&info, &opts);
    if (!ctx)
      throw std::runtime_error(std::string("qcc_rt_context_create_with: ") +
                               qcc_rt_last_error());
  }
  ~QccAdd() override { qcc_rt_context_destroy(ctx); }

  void run(size_t) override {
    qcc_rt_add(ctx, &d, p.inputA(), p.inputB(), out.get());
  }
  const void *output() const override { return out.get(); }
  rt::Rounding rule() const override { return rounding; }
  int tolerance() const override { return 0; }
  std::string describe() const override {
    const char *isa = qcc_rt_isa_name(qcc_rt_context_isa(ctx));
    return std::string("qcc ") + (isa ? isa : "?") + ", 1 thread" +
           (rounding == rt::Rounding::DoubleRound ? "" : ", float rule");
  }

private:
  const AddProblem &p;
  rt::Rounding rounding;
  AlignedBuffer<uint8_t> out;
  const float one = 1.0f;
  qcc_rt_add_desc d{};
  const void *op = nullptr;
  qcc_rt_model_info info{};
  qcc_rt_context *ctx = nullptr;
};

void xnnCheck(xnn_status status, const char *what) {
  if (status != xnn_status_success)
    throw std::runtime_error(std::string(what) + " failed with status " +
                             std::to_string(int(status)));
}

class XnnpackAdd final : public Int8Op {
public:
  explicit XnnpackAdd(const AddProblem &p)
      : out(alignedBuffer<uint8_t>(size_t(p.shape().count) +
                                   QuantProblem::kSlack)) {
    static const xnn_status init = xnn_initialize(nullptr);
    xnnCheck(init, "xnn_initialize");
    const AddCase &c = p.shape();
    xnnCheck(xnn_create_add_nd_qu8(uint8_t(c.zpA), float(c.sA), uint8_t(c.zpB),
                                   float(c.sB), uint8_t(c.zpOut), float(c.sOut),
                                   0, 255, 0, &op),
             "xnn_create_add_nd_qu8");
    const size_t shape[1] = {size_t(c.count)};
    xnnCheck(xnn_setup_add_nd_qu8(op, 1, shape, 1, shape, p.inputA(),
                                  p.inputB(), out.get(), nullptr),
             "xnn_setup_add_nd_qu8");
  }
  ~XnnpackAdd() override { xnn_delete_operator(op); }

  void run(size_t) override { xnn_run_operator(op, nullptr); }
  const void *output() const override { return out.get(); }
  rt::Rounding rule() const override { return rt::Rounding::FloatHalfEven; }
  int tolerance() const override { return 1; }
  std::string describe() const override { return "XNNPACK qu8, 1 thread"; }

private:
  AlignedBuffer<uint8_t> out;
  xnn_operator_t op = nullptr;
};

class OneDnnAdd final : public Int8Op {
public:
  explicit OneDnnAdd(const AddProblem &p)
      : engine(dnnl::engine::kind::cpu, 0), stream(engine),
        out(alignedBuffer<uint8_t>(size_t(p.shape().count))) {
    bindThread();
    const AddCase &c = p.shape();
    using dt = dnnl::memory::data_type;
    const dnnl::memory::desc md({c.count}, dt::u8, dnnl::memory::format_tag::a);
    // dst = rA a + rB b + (zpOut - rA zpA - rB zpB), rounded and saturated
    // to uint8: the float rule (oneDNN's binary add takes no zero points).
    dnnl::primitive_attr attr;
    attr.set_scales(DNNL_ARG_SRC_0, 0, {p.rA});
    attr.set_scales(DNNL_ARG_SRC_1, 0, {p.rB});
    dnnl::post_ops ops;
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_linear, 1.0f,
                       float(c.zpOut) -
                           (p.rA * float(c.zpA) + p.rB * float(c.zpB)));
    attr.set_post_ops(ops);
    dnnl::binary::primitive_desc pd(
        dnnl::binary::desc(dnnl::algorithm::binary_add, md, md, md), attr,
        engine);
    prim = dnnl::binary(pd);
    impl = pd.impl_info_str();
    args = {{DNNL_ARG_SRC_0,
             dnnl::memory(md, engine, const_cast<uint8_t *>(p.inputA()))},
            {DNNL_ARG_SRC_1,
             dnnl::memory(md, engine, const_cast<uint8_t *>(p.inputB()))},
            {DNNL_ARG_DST, dnnl::memory(md, engine, out.get())}};
  }

  void run(size_t) override {
    prim.execute(stream, args);
    stream.wait();
  }
  const void *output() const override { return out.get(); }
  rt::Rounding rule() const override { return rt::Rounding::FloatHalfEven; }
  int tolerance() const override { return 1; }
  std::string describe() const override {
    return "oneDNN " + impl + ", 1 thread";
  }
  void bindThread() override { omp_set_num_threads(1); }

private:
  dnnl::engine engine;
  dnnl::stream stream;
  AlignedBuffer<uint8_t> out;
  dnnl::primitive prim;
  std::unordered_map<int, dnnl::memory> args;
  std::string impl;
};

using MakeAdd = std::function<std::unique_ptr<Int8Op>(const AddProblem &)>;

struct PreparedAdd {
  std::unique_ptr<AddProblem> problem;
  std::unique_ptr<Int8Op> op;
  std::string error; ///< why the benchmark cannot run, or empty
  std::string label;
};

std::shared_ptr<PreparedAdd> prepare(const AddCase &c, const MakeAdd &make) {
  auto p = std::make_shared<PreparedAdd>();
  try {
    p->problem = std::make_unique<AddProblem>(c);
    p->op = make(*p->problem);
  } catch (const std::exception &e) {
    p->error = e.what();
    return p;
  }
  p->op->run(0);
  const auto *out = static_cast<const uint8_t *>(p->op->output());
  int maxDiff = 0;
  for (int64_t i = 0; i < c.count; ++i) {
    const int want = p->problem->expected(i, p->op->rule());
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
        auto p = cached<PreparedAdd>(name, [&] { return prepare(c, make); });
        if (!p->error.empty()) {
          state.SkipWithError(p->error.c_str());
          return;
        }
        Int8Op &op = *p->op;
        op.bindThread();
        for (auto _ : state)
          op.run(0);
        state.counters["GOPS"] = benchmark::Counter(
            double(c.count) * double(state.iterations()) / 1e9,
            benchmark::Counter::kIsRate);
        state.SetLabel(p->label);
      })
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

} // namespace

void registerAddBenchmarks() {
  for (const AddCase &c : kAddCases) {
    auto qcc = [](int32_t isa, rt::Rounding rule = rt::Rounding::DoubleRound) {
      return [=](const AddProblem &p) -> std::unique_ptr<Int8Op> {
        return std::make_unique<QccAdd>(p, isa, rule);
      };
    };
    addBenchmark("qcc", c, "", qcc(QCC_RT_ISA_AUTO));
    for (int32_t isa : qccSupportedIsas())
      addBenchmark("qcc", c, qcc_rt_isa_name(isa), qcc(isa));
    addBenchmark("qcc", c, "float-rule",
                 qcc(QCC_RT_ISA_AUTO, rt::Rounding::FloatHalfEven));
    addBenchmark("onednn", c, "", [](const AddProblem &p) {
      return std::unique_ptr<Int8Op>(std::make_unique<OneDnnAdd>(p));
    });
    addBenchmark("xnnpack", c, "", [](const AddProblem &p) {
      return std::unique_ptr<Int8Op>(std::make_unique<XnnpackAdd>(p));
    });
  }
}

} // namespace qcc::bench
