#include "QccOps.h"

#include "qcc/runtime/qcc_runtime.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace qcc::bench {

namespace {

int32_t runtimeRule(rt::Rounding rounding) {
  return rounding == rt::Rounding::DoubleRound ? QCC_RT_ROUND_DOUBLE
                                               : QCC_RT_ROUND_FLOAT_HALF_EVEN;
}

/// "qcc <path>, N thread(s)[, float rule]": what a context runs.
std::string describeContext(qcc_rt_context *ctx, rt::Rounding rounding) {
  const int32_t threads = qcc_rt_context_threads(ctx);
  const char *isa = qcc_rt_isa_name(qcc_rt_context_isa(ctx));
  return std::string("qcc ") + (isa ? isa : "?") + ", " +
         std::to_string(threads) + (threads == 1 ? " thread" : " threads") +
         (rounding == rt::Rounding::DoubleRound ? "" : ", float rule");
}

class QccOp final : public Int8Op {
public:
  QccOp(const QuantProblem &p, QccLayer layer, int32_t isa, int32_t threads,
        rt::Rounding rounding)
      : problem(p), layer(layer), rounding(rounding),
        out(alignedBuffer<uint8_t>(size_t(p.geometry().outputElements()) +
                                   QuantProblem::kSlack)) {
    const size_t sets = p.weightSets();
    // The runtime finds a prepared operation by its descriptor's address:
    // the vectors are sized once and never move.
    if (layer == QccLayer::FullyConnected)
      fc.resize(sets);
    else
      conv.resize(sets);
    for (size_t s = 0; s < sets; ++s)
      ops.push_back(layer == QccLayer::FullyConnected
                        ? static_cast<const void *>(&(fc[s] = fcDesc(s)))
                        : static_cast<const void *>(&(conv[s] = convDesc(s))));
    info = {QCC_RT_ABI_VERSION, int32_t(ops.size()), ops.data(), 0};
    const qcc_rt_options opts{isa, threads};
    ctx = qcc_rt_context_create_with(&info, &opts);
    if (!ctx)
      throw std::runtime_error(std::string("qcc_rt_context_create_with: ") +
                               qcc_rt_last_error());
  }
  ~QccOp() override { qcc_rt_context_destroy(ctx); }

  void run(size_t set) override {
    if (layer == QccLayer::FullyConnected)
      qcc_rt_fully_connected(ctx, &fc[set], problem.input(), out.get());
    else
      qcc_rt_conv2d(ctx, &conv[set], problem.input(), out.get());
  }
  const void *output() const override { return out.get(); }
  rt::Rounding rule() const override { return rounding; }
  int tolerance() const override { return 0; }
  std::string describe() const override {
    return describeContext(ctx, rounding);
  }

private:
  qcc_rt_requant requant() const {
    qcc_rt_requant r{};
    r.rounding = runtimeRule(rounding);
    r.channels = int32_t(problem.geometry().outChannels);
    r.multiplier = problem.multipliers();
    r.shift = problem.shifts();
    r.scale = problem.floatScales().data();
    r.output_zero_point = QuantProblem::kOutputZeroPoint;
    r.clamp_min = 0;
    r.clamp_max = 255;
    return r;
  }

  qcc_rt_fc_desc fcDesc(size_t set) const {
    const ConvGeometry &g = problem.geometry();
    qcc_rt_fc_desc d{};
    d.kind = QCC_RT_OP_FULLY_CONNECTED;
    d.input_type = QCC_RT_U8;
    d.weight_type = QCC_RT_I8;
    d.output_type = QCC_RT_U8;
    d.m = g.inH * g.inW;
    d.k = g.channels;
    d.n = g.outChannels;
    d.weight = problem.weights(set);
    d.bias = problem.bias();
    d.weight_zero_point = &weightZeroPoint;
    d.weight_zero_point_count = 1;
    d.input_zero_point = QuantProblem::kInputZeroPoint;
    d.requant = requant();
    return d;
  }

  qcc_rt_conv2d_desc convDesc(size_t set) const {
    const ConvGeometry &g = problem.geometry();
    qcc_rt_conv2d_desc d{};
    d.kind = QCC_RT_OP_CONV2D;
    d.input_type = QCC_RT_U8;
    d.weight_type = QCC_RT_I8;
    d.output_type = QCC_RT_U8;
    qcc_rt_window &w = d.window;
    w.batch = 1;
    w.in_h = g.inH;
    w.in_w = g.inW;
    w.channels = g.channels;
    w.out_h = g.outH();
    w.out_w = g.outW();
    w.kernel_h = g.kernelH;
    w.kernel_w = g.kernelW;
    w.stride_h = w.stride_w = g.stride;
    w.dilation_h = w.dilation_w = 1;
    w.pad_top = w.pad_left = w.pad_bottom = w.pad_right = g.pad;
    d.out_channels = g.outChannels;
    d.groups = g.groups;
    d.weight = problem.weights(set);
    d.bias = problem.bias();
    d.weight_zero_point = &weightZeroPoint;
    d.weight_zero_point_count = 1;
    d.input_zero_point = QuantProblem::kInputZeroPoint;
    d.requant = requant();
    return d;
  }

  const QuantProblem &problem;
  QccLayer layer;
  rt::Rounding rounding;
  AlignedBuffer<uint8_t> out;
  const int32_t weightZeroPoint = 0;
  std::vector<qcc_rt_fc_desc> fc;
  std::vector<qcc_rt_conv2d_desc> conv;
  std::vector<const void *> ops;
  qcc_rt_model_info info{};
  qcc_rt_context *ctx = nullptr;
};

class QccAdd final : public Int8Op {
public:
  QccAdd(const AddProblem &p, int32_t isa, rt::Rounding rounding)
      : p(p), rounding(rounding),
        out(alignedBuffer<uint8_t>(size_t(p.shape().count))) {
    auto requant = [&](const rt::QuantizedMultiplier &m, const float *scale,
                       int32_t zp, int32_t lo, int32_t hi) {
      qcc_rt_requant r{};
      r.rounding = runtimeRule(rounding);
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
    return describeContext(ctx, rounding);
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

} // namespace

std::unique_ptr<Int8Op> makeQccOp(const QuantProblem &problem, QccLayer layer,
                                  int32_t isa, int32_t threads,
                                  rt::Rounding rule) {
  return std::make_unique<QccOp>(problem, layer, isa, threads, rule);
}

std::unique_ptr<Int8Op> makeQccAdd(const AddProblem &problem, int32_t isa,
                                   rt::Rounding rule) {
  return std::make_unique<QccAdd>(problem, isa, rule);
}

std::vector<int32_t> qccSupportedIsas() {
  std::vector<int32_t> isas;
  for (int32_t isa : {QCC_RT_ISA_AVX512_VNNI, QCC_RT_ISA_AVX_VNNI,
                      QCC_RT_ISA_AVX2, QCC_RT_ISA_REFERENCE})
    if (qcc_rt_isa_supported(isa))
      isas.push_back(isa);
  return isas;
}

} // namespace qcc::bench
