// int8 GEMMs: uint8 activations M x K with a zero point, int8 symmetric
// per-channel weights N x K, int32 bias, per-channel requantized uint8
// output. qcc's fully connected layer (every path this CPU supports, and
// in the float rule that oneDNN and XNNPACK compute), oneDNN's matmul and
// XNNPACK's qc8 1x1 convolution; 2-thread variants where M >= 64, and
// cold-weight variants at batch 1.
#include "Benchmarks.h"
#include "OneDnn.h"
#include "OpBenchmark.h"
#include "QccOps.h"
#include "Xnnpack.h"

#include "qcc/runtime/qcc_runtime.h"

#include <string>

namespace qcc::bench {

namespace {

struct GemmShape {
  int64_t m, k, n;
  std::string text() const {
    return std::to_string(m) + "x" + std::to_string(k) + "x" +
           std::to_string(n);
  }
};

const GemmShape kShapes[] = {
    {1, 768, 3072},   {1, 4096, 4096},   {8, 768, 3072},    {64, 768, 768},
    {128, 768, 3072}, {512, 1024, 1024}, {1024, 1024, 1024}};

/// Batch-1 shapes also timed with weights cycled through more than the L3.
const GemmShape kColdShapes[] = {{1, 768, 3072}, {1, 4096, 4096}};

MakeOp qcc(int32_t isa, int threads,
           rt::Rounding rule = rt::Rounding::DoubleRound) {
  return [=](const QuantProblem &p) {
    return makeQccOp(p, QccLayer::FullyConnected, isa, threads, rule);
  };
}
MakeOp onednn(int threads) {
  return [=](const QuantProblem &p) {
    return makeOneDnnOp(p, OneDnnLayer::Matmul, threads);
  };
}
MakeOp xnnpack(int threads) {
  return [=](const QuantProblem &p) { return makeXnnpackOp(p, threads); };
}

void add(const std::string &library, const GemmShape &s,
         const std::string &variant, MakeOp make, size_t sets = 1) {
  const std::string name = "gemm/" + library + "/" + s.text() +
                           (variant.empty() ? "" : "/" + variant);
  registerOpBenchmark(
      {name, ConvGeometry::gemm(s.m, s.k, s.n), sets, std::move(make)});
}

} // namespace

void registerGemmBenchmarks() {
  for (const GemmShape &s : kShapes) {
    const bool parallel = s.m >= 64;
    add("qcc", s, "", qcc(QCC_RT_ISA_AUTO, 1));
    for (int32_t isa : qccSupportedIsas())
      add("qcc", s, qcc_rt_isa_name(isa), qcc(isa, 1));
    add("qcc", s, "float-rule",
        qcc(QCC_RT_ISA_AUTO, 1, rt::Rounding::FloatHalfEven));
    if (parallel)
      add("qcc", s, "threads:2", qcc(QCC_RT_ISA_AUTO, 2));
    add("onednn", s, "", onednn(1));
    if (parallel)
      add("onednn", s, "threads:2", onednn(2));
    add("xnnpack", s, "", xnnpack(1));
    if (parallel)
      add("xnnpack", s, "threads:2", xnnpack(2));
  }
  for (const GemmShape &s : kColdShapes) {
    const size_t sets = coldWeightSets(ConvGeometry::gemm(s.m, s.k, s.n));
    add("qcc", s, "cold", qcc(QCC_RT_ISA_AUTO, 1), sets);
    add("onednn", s, "cold", onednn(1), sets);
    add("xnnpack", s, "cold", xnnpack(1), sets);
  }
}

} // namespace qcc::bench
