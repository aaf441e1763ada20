#include "OneDnn.h"

#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <unordered_map>
#include <vector>

namespace qcc::bench {

namespace {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

dnnl::engine &cpuEngine() {
  static dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

class OneDnnOp final : public Int8Op {
public:
  OneDnnOp(const QuantProblem &p, OneDnnLayer layer, int threads)
      : problem(p), threads(threads), stream(cpuEngine()),
        out(alignedBuffer<uint8_t>(size_t(p.geometry().outputElements()) +
                                   QuantProblem::kSlack)) {
    // Some implementations size their work split by the thread count when
    // the primitive is created.
    bindThread();
    const ConvGeometry &g = p.geometry();
    dnnl::primitive_attr attr;
    // Per output channel: dimension 1 of the destination (N of M x N, C of
    // NCHW).
    attr.set_output_scales(1 << 1, p.floatScales());
    attr.set_zero_points(DNNL_ARG_SRC, 0, {QuantProblem::kInputZeroPoint});
    attr.set_zero_points(DNNL_ARG_DST, 0, {QuantProblem::kOutputZeroPoint});

    dnnl::memory::desc src, userWeights, anyWeights, bias, dst;
    if (layer == OneDnnLayer::Matmul) {
      const int64_t m = g.inH * g.inW, k = g.channels, n = g.outChannels;
      src = {{m, k}, dt::u8, tag::ab};
      // Weights K x N stored as our [N][K]: "ba".
      userWeights = {{k, n}, dt::s8, tag::ba};
      anyWeights = {{k, n}, dt::s8, tag::any};
      bias = {{1, n}, dt::s32, tag::ab};
      dst = {{m, n}, dt::u8, tag::ab};
      dnnl::matmul::desc d(src, anyWeights, bias, dst);
      dnnl::matmul::primitive_desc pd(d, attr, cpuEngine());
      prim = dnnl::matmul(pd);
      packedWeights = pd.weights_desc();
      impl = pd.impl_info_str();
    } else {
      const int64_t o = g.outChannels, c = g.channels, gr = g.groups;
      src = {{1, c, g.inH, g.inW}, dt::u8, tag::nhwc};
      if (gr == 1) {
        userWeights = {{o, c, g.kernelH, g.kernelW}, dt::s8, tag::ohwi};
        anyWeights = {{o, c, g.kernelH, g.kernelW}, dt::s8, tag::any};
      } else {
        userWeights = {
            {gr, o / gr, c / gr, g.kernelH, g.kernelW}, dt::s8, tag::gohwi};
        anyWeights = {
            {gr, o / gr, c / gr, g.kernelH, g.kernelW}, dt::s8, tag::any};
      }
      bias = {{o}, dt::s32, tag::x};
      dst = {{1, o, g.outH(), g.outW()}, dt::u8, tag::nhwc};
      dnnl::convolution_forward::desc d(
          dnnl::prop_kind::forward_inference,
          dnnl::algorithm::convolution_direct, src, anyWeights, bias, dst,
          {g.stride, g.stride}, {g.pad, g.pad}, {g.pad, g.pad});
      dnnl::convolution_forward::primitive_desc pd(d, attr, cpuEngine());
      prim = dnnl::convolution_forward(pd);
      packedWeights = pd.weights_desc();
      impl = pd.impl_info_str();
    }

    srcMem = dnnl::memory(src, cpuEngine(), const_cast<uint8_t *>(p.input()));
    biasMem = dnnl::memory(bias, cpuEngine(), const_cast<int32_t *>(p.bias()));
    dstMem = dnnl::memory(dst, cpuEngine(), out.get());
    // The weights, reordered once per set outside the timed loop.
    for (size_t s = 0; s < p.weightSets(); ++s) {
      dnnl::memory user(userWeights, cpuEngine(),
                        const_cast<int8_t *>(p.weights(s)));
      dnnl::memory packed(packedWeights, cpuEngine());
      dnnl::reorder(user, packed).execute(stream, user, packed);
      args.push_back({{DNNL_ARG_SRC, srcMem},
                      {DNNL_ARG_WEIGHTS, packed},
                      {DNNL_ARG_BIAS, biasMem},
                      {DNNL_ARG_DST, dstMem}});
    }
    stream.wait();
  }

  void run(size_t set) override {
    prim.execute(stream, args[set]);
    stream.wait();
  }
  const void *output() const override { return out.get(); }
  rt::Rounding rule() const override { return rt::Rounding::FloatHalfEven; }
  int tolerance() const override { return 1; }
  std::string describe() const override {
    return "oneDNN " + impl + ", " + std::to_string(threads) +
           (threads == 1 ? " thread" : " threads");
  }
  void bindThread() override { omp_set_num_threads(threads); }

private:
  const QuantProblem &problem;
  int threads;
  dnnl::stream stream;
  AlignedBuffer<uint8_t> out;
  dnnl::primitive prim;
  dnnl::memory::desc packedWeights;
  dnnl::memory srcMem, biasMem, dstMem;
  std::vector<std::unordered_map<int, dnnl::memory>> args;
  std::string impl;
};

class OneDnnAdd final : public Int8Op {
public:
  explicit OneDnnAdd(const AddProblem &p)
      : stream(cpuEngine()),
        out(alignedBuffer<uint8_t>(size_t(p.shape().count))) {
    bindThread();
    const AddCase &c = p.shape();
    const dnnl::memory::desc md({c.count}, dt::u8, tag::a);
    // dst = rA a + rB b + (zpOut - rA zpA - rB zpB), rounded and saturated
    // to uint8: the float rule.
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
        cpuEngine());
    prim = dnnl::binary(pd);
    impl = pd.impl_info_str();
    args = {{DNNL_ARG_SRC_0,
             dnnl::memory(md, cpuEngine(), const_cast<uint8_t *>(p.inputA()))},
            {DNNL_ARG_SRC_1,
             dnnl::memory(md, cpuEngine(), const_cast<uint8_t *>(p.inputB()))},
            {DNNL_ARG_DST, dnnl::memory(md, cpuEngine(), out.get())}};
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
  dnnl::stream stream;
  AlignedBuffer<uint8_t> out;
  dnnl::primitive prim;
  std::unordered_map<int, dnnl::memory> args;
  std::string impl;
};

} // namespace

std::unique_ptr<Int8Op> makeOneDnnOp(const QuantProblem &problem,
                                     OneDnnLayer layer, int threads) {
  return std::make_unique<OneDnnOp>(problem, layer, threads);
}

std::unique_ptr<Int8Op> makeOneDnnAdd(const AddProblem &problem) {
  return std::make_unique<OneDnnAdd>(problem);
}

bool setOneDnnMaxIsa(const std::string &name) {
  const std::unordered_map<std::string, dnnl_cpu_isa_t> isas = {
      {"avx2", dnnl_cpu_isa_avx2},
      {"avx2_vnni", dnnl_cpu_isa_avx2_vnni},
      {"avx512_core_vnni", dnnl_cpu_isa_avx512_core_vnni},
      {"avx512_core_amx", dnnl_cpu_isa_avx512_core_amx},
      {"all", dnnl_cpu_isa_all}};
  auto it = isas.find(name);
  return it != isas.end() && dnnl_set_max_cpu_isa(it->second) == dnnl_success;
}

std::string oneDnnVersion() {
  const dnnl_version_t *v = dnnl::version();
  const char *runtime = v->cpu_runtime == DNNL_RUNTIME_OMP   ? "OpenMP"
                        : v->cpu_runtime == DNNL_RUNTIME_TBB ? "TBB"
                        : v->cpu_runtime == DNNL_RUNTIME_SEQ ? "sequential"
                                                             : "other";
  return std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
         std::to_string(v->patch) + " (CPU runtime " + runtime + ")";
}

} // namespace qcc::bench
