// One int8 layer as all three libraries compute it: a batch-1 NHWC
// convolution (a GEMM M x K x N is the 1x1 convolution of an M x 1 image
// with K channels into N), uint8 activations with a zero point, int8
// symmetric per-output-channel weights (OHWI, which is also [N][K]), int32
// bias, and a per-channel requantized uint8 output. The data is random, the
// scales chosen so that the outputs spread over the uint8 range, and an
// output can be checked against the exact rule (qcc's double rounding, or
// the float rule) on a sample of its elements.
#ifndef QCC_BENCH_QUANTPROBLEM_H
#define QCC_BENCH_QUANTPROBLEM_H

#include "BenchSupport.h"

#include "qcc/runtime/Requantize.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qcc::bench {

struct ConvGeometry {
  int64_t inH = 1, inW = 1, channels = 1, outChannels = 1;
  int32_t kernelH = 1, kernelW = 1, stride = 1, pad = 0;
  int64_t groups = 1;

  /// The GEMM M x K x N as a 1x1 convolution over an M x 1 image.
  static ConvGeometry gemm(int64_t m, int64_t k, int64_t n);

  int64_t outH() const { return (inH + 2 * pad - kernelH) / stride + 1; }
  int64_t outW() const { return (inW + 2 * pad - kernelW) / stride + 1; }
  /// Inputs each output reads: kernel window times the group's channels.
  int64_t reduction() const {
    return int64_t(kernelH) * kernelW * (channels / groups);
  }
  int64_t inputElements() const { return inH * inW * channels; }
  int64_t outputElements() const { return outH() * outW() * outChannels; }
  int64_t weightElements() const { return outChannels * reduction(); }
  int64_t macs() const { return outputElements() * reduction(); }
};

class QuantProblem {
public:
  static constexpr int32_t kInputZeroPoint = 120;
  static constexpr int32_t kOutputZeroPoint = 128;
  /// Bytes every buffer has after its end (XNNPACK reads up to 16 past).
  static constexpr size_t kSlack = 64;

  /// `weightSets` independent sets of weights (more than one for the cold
  /// benchmarks, which rotate through them); bias and scales are shared.
  QuantProblem(const ConvGeometry &g, uint64_t seed, size_t weightSets = 1);

  const ConvGeometry &geometry() const { return g; }
  /// NHWC uint8 input.
  const uint8_t *input() const { return inputData.get(); }
  /// OHWI int8 weights of one set, values in [-127, 127], zero point 0.
  const int8_t *weights(size_t set = 0) const {
    return weightData.get() + set * size_t(g.weightElements());
  }
  size_t weightSets() const { return sets; }
  size_t weightBytesPerSet() const { return size_t(g.weightElements()); }
  const int32_t *bias() const { return biasData.data(); }
  /// Per output channel: the real scale of the requantization, and its
  /// integer form (multiplier in [2^30, 2^31), real = m * 2^(shift - 31)).
  const std::vector<double> &realScales() const { return scales; }
  const std::vector<float> &floatScales() const { return floats; }
  const int32_t *multipliers() const { return multiplier.data(); }
  const int32_t *shifts() const { return shift.data(); }

  /// The exact uint8 output under `rule` (the integer form of the scale for
  /// double rounding, its float32 value for the float rule) at NHWC index i.
  int32_t expected(int64_t i, rt::Rounding rule, size_t set = 0) const;

  /// Compares `output` (uint8; or int8 holding uint8 - 128 when
  /// `signedOutput`) with the exact values under `rule` on a sample of
  /// elements. ok is false when an element is more than `tolerance` off or
  /// the output is (nearly) constant; text says what was found.
  struct Check {
    bool ok = false;
    int maxDiff = 0;
    int distinct = 0;
    std::string text;
  };
  Check check(const void *output, bool signedOutput, rt::Rounding rule,
              int tolerance, size_t set = 0) const;

private:
  ConvGeometry g;
  size_t sets;
  AlignedBuffer<uint8_t> inputData;
  AlignedBuffer<int8_t> weightData;
  std::vector<int32_t> biasData, multiplier, shift;
  std::vector<double> scales;
  std::vector<float> floats;
};

} // namespace qcc::bench

#endif // QCC_BENCH_QUANTPROBLEM_H
