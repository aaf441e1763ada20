#include "QuantProblem.h"

#include "qcc/runtime/Requantize.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace qcc::bench {

ConvGeometry ConvGeometry::gemm(int64_t m, int64_t k, int64_t n) {
  ConvGeometry g;
  g.inH = m;
  g.inW = 1;
  g.channels = k;
  g.outChannels = n;
  return g;
}

QuantProblem::QuantProblem(const ConvGeometry &geometry, uint64_t seed,
                           size_t weightSets)
    : g(geometry), sets(weightSets) {
  const size_t inBytes = size_t(g.inputElements());
  inputData = alignedBuffer<uint8_t>(inBytes + kSlack);
  fillRandom(inputData.get(), inBytes + kSlack, seed);

  const size_t wBytes = size_t(g.weightElements()) * sets;
  weightData = alignedBuffer<int8_t>(wBytes + kSlack);
  fillRandom(weightData.get(), wBytes + kSlack, seed + 1);
  // Symmetric int8: -128 is not used, as in TFLite's and PyTorch's
  // symmetric weights.
  int8_t *w = weightData.get();
  for (size_t i = 0; i < wBytes; ++i)
    w[i] = w[i] == -128 ? int8_t(-127) : w[i];

  // The accumulator's standard deviation: uniform uint8 around the zero
  // point (sigma ~74) times uniform int8 (sigma ~73), summed over the
  // reduction. Scales map it to ~40 output steps, so outputs spread over
  // the uint8 range and rarely clamp.
  const double sigma = 74.0 * 73.0 * std::sqrt(double(g.reduction()));
  const int64_t n = g.outChannels;
  std::vector<uint8_t> noise(size_t(n) * 8);
  fillRandom(noise.data(), noise.size(), seed + 2);
  for (int64_t c = 0; c < n; ++c) {
    const double u = noise[size_t(c) * 8] / 255.0;
    const int32_t b = int32_t(noise[size_t(c) * 8 + 1]) - 128;
    biasData.push_back(int32_t(b * sigma / 512.0));
    rt::QuantizedMultiplier qm;
    rt::quantizeMultiplier(40.0 / sigma * std::exp2(u - 0.5), qm);
    multiplier.push_back(qm.multiplier);
    shift.push_back(qm.shift);
    // The float libraries get the real value of the integer multiplier.
    scales.push_back(rt::multiplierValue(qm));
    floats.push_back(float(scales.back()));
  }
}

int32_t QuantProblem::expected(int64_t i, rt::Rounding rule, size_t set) const {
  const int64_t oc = i % g.outChannels;
  const int64_t pixel = i / g.outChannels;
  const int64_t oy = pixel / g.outW(), ox = pixel % g.outW();
  const int64_t cg = g.channels / g.groups;
  const int64_t og = g.outChannels / g.groups;
  const int64_t group = oc / og;
  const int8_t *w = weights(set) + oc * g.reduction();
  int64_t acc = biasData[size_t(oc)];
  for (int32_t ky = 0; ky < g.kernelH; ++ky) {
    for (int32_t kx = 0; kx < g.kernelW; ++kx) {
      const int64_t iy = oy * g.stride + ky - g.pad;
      const int64_t ix = ox * g.stride + kx - g.pad;
      if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW)
        continue; // padding is the input zero point: adds nothing
      const uint8_t *x = input() + (iy * g.inW + ix) * g.channels + group * cg;
      const int8_t *wk = w + (int64_t(ky) * g.kernelW + kx) * cg;
      for (int64_t c = 0; c < cg; ++c)
        acc += int64_t(int32_t(x[c]) - kInputZeroPoint) * wk[c];
    }
  }
  const int32_t wrapped = int32_t(uint32_t(uint64_t(acc)));
  return rt::requantize(wrapped, rule,
                        {multiplier[size_t(oc)], shift[size_t(oc)]},
                        floats[size_t(oc)], kOutputZeroPoint, 0, 255);
}

QuantProblem::Check QuantProblem::check(const void *output, bool signedOutput,
                                        rt::Rounding rule, int tolerance,
                                        size_t set) const {
  const int64_t count = g.outputElements();
  const auto *bytes = static_cast<const uint8_t *>(output);
  auto value = [&](int64_t i) {
    return signedOutput ? int32_t(int8_t(bytes[i])) + 128 : int32_t(bytes[i]);
  };
  Check c;
  std::set<int32_t> seen;
  int64_t atClamp = 0;
  const int64_t samples = std::min<int64_t>(count, 2048);
  uint64_t x = 0x243F6A8885A308D3ull;
  for (int64_t s = 0; s < samples; ++s) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    // The first and last elements always, random ones in between.
    const int64_t i = s == 0   ? 0
                      : s == 1 ? count - 1
                               : int64_t((x >> 17) % uint64_t(count));
    const int32_t got = value(i), want = expected(i, rule, set);
    c.maxDiff = std::max(c.maxDiff, std::abs(got - want));
    seen.insert(got);
    atClamp += got == 0 || got == 255;
  }
  c.distinct = int(seen.size());
  c.ok = c.maxDiff <= tolerance && c.distinct >= 8;
  char text[160];
  std::snprintf(text, sizeof(text),
                "%s: max |diff| %d vs exact on %lld samples, %d distinct "
                "values, %.0f%% clamped",
                c.ok ? "output ok" : "OUTPUT WRONG", c.maxDiff,
                (long long)samples, c.distinct,
                100.0 * double(atClamp) / double(samples));
  c.text = text;
  return c;
}

} // namespace qcc::bench
