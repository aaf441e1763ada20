// Batch-1 NHWC int8 convolutions (uint8 activations with a zero point,
// int8 symmetric per-channel weights, int32 bias, per-channel requantized
// uint8 output): qcc's conv2d (every path this CPU supports, and in the
// float rule that oneDNN and XNNPACK compute), oneDNN's
// convolution_forward and XNNPACK's qc8 convolution.
#include "Benchmarks.h"
#include "OneDnn.h"
#include "OpBenchmark.h"
#include "QccOps.h"
#include "Xnnpack.h"

#include "qcc/runtime/qcc_runtime.h"

#include <string>

namespace qcc::bench {

namespace {

struct ConvCase {
  const char *text; ///< the shape as the benchmark names it
  ConvGeometry g;
};

ConvGeometry conv(int64_t c, int64_t h, int64_t w, int64_t o, int32_t k,
                  int32_t stride, int32_t pad, int64_t groups = 1) {
  ConvGeometry g;
  g.inH = h;
  g.inW = w;
  g.channels = c;
  g.outChannels = o;
  g.kernelH = g.kernelW = k;
  g.stride = stride;
  g.pad = pad;
  g.groups = groups;
  return g;
}

const ConvCase kCases[] = {
    {"1x64x56x56 -> 64 3x3 s1 p1", conv(64, 56, 56, 64, 3, 1, 1)},
    {"1x3x224x224 -> 64 7x7 s2 p3", conv(3, 224, 224, 64, 7, 2, 3)},
    {"1x256x14x14 -> 256 3x3 s1 p1", conv(256, 14, 14, 256, 3, 1, 1)},
    {"1x512x7x7 -> 2048 1x1", conv(512, 7, 7, 2048, 1, 1, 0)},
    {"depthwise 3x3 s1 p1 on 1x256x28x28",
     conv(256, 28, 28, 256, 3, 1, 1, 256)},
    // MobileNetV2's slowest layers, those with few multiply-adds per output:
    // its first layer, 1x1 layers with k = 16 and to 16 or 24 channels,
    // depthwise with stride 2 and with few channels.
    {"1x3x224x224 -> 32 3x3 s2 p1", conv(3, 224, 224, 32, 3, 2, 1)},
    {"1x16x112x112 -> 96 1x1", conv(16, 112, 112, 96, 1, 1, 0)},
    {"1x32x112x112 -> 16 1x1", conv(32, 112, 112, 16, 1, 1, 0)},
    {"1x96x56x56 -> 24 1x1", conv(96, 56, 56, 24, 1, 1, 0)},
    {"depthwise 3x3 s2 p1 on 1x96x112x112",
     conv(96, 112, 112, 96, 3, 2, 1, 96)},
    {"depthwise 3x3 s1 p1 on 1x32x112x112",
     conv(32, 112, 112, 32, 3, 1, 1, 32)},
};

void add(const std::string &library, const ConvCase &c,
         const std::string &variant, MakeOp make) {
  registerOpBenchmark({"conv/" + library + "/" + c.text +
                           (variant.empty() ? "" : "/" + variant),
                       c.g, 1, std::move(make)});
}

} // namespace

void registerConvBenchmarks() {
  for (const ConvCase &c : kCases) {
    auto qcc = [](int32_t isa,
                  rt::Rounding rule = rt::Rounding::DoubleRound) -> MakeOp {
      return [=](const QuantProblem &p) {
        return makeQccOp(p, QccLayer::Conv2d, isa, 1, rule);
      };
    };
    add("qcc", c, "", qcc(QCC_RT_ISA_AUTO));
    for (int32_t isa : qccSupportedIsas())
      add("qcc", c, qcc_rt_isa_name(isa), qcc(isa));
    add("qcc", c, "float-rule",
        qcc(QCC_RT_ISA_AUTO, rt::Rounding::FloatHalfEven));
    add("onednn", c, "", [](const QuantProblem &p) {
      return makeOneDnnOp(p, OneDnnLayer::Convolution, 1);
    });
    add("xnnpack", c, "",
        [](const QuantProblem &p) { return makeXnnpackOp(p, 1); });
  }
}

} // namespace qcc::bench
