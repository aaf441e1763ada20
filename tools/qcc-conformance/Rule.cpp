#include "Rule.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cmath>

namespace qcc::conformance {

std::vector<int64_t> toIntegers(const std::vector<double> &values,
                                const std::vector<int64_t> &shape,
                                const std::optional<Quantization> &quant) {
  std::vector<int64_t> out(values.size());
  int64_t inner = 1, channels = 1;
  if (quant && quant->axis) {
    int64_t axis = *quant->axis;
    if (axis < 0)
      axis += int64_t(shape.size());
    for (size_t d = size_t(axis) + 1; d < shape.size(); ++d)
      inner *= shape[d];
    channels = int64_t(quant->scales.size());
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (!quant) {
      out[i] = int64_t(values[i]);
      continue;
    }
    size_t c = channels > 1 ? size_t((int64_t(i) / inner) % channels) : 0;
    // The reference float is (q - zp) * scale: dividing recovers q - zp up
    // to rounding error, far below one half. nearbyint rounds half to even.
    out[i] = int64_t(std::nearbyint(values[i] / quant->scales[c])) +
             quant->zeroPoints[c];
  }
  return out;
}

OutputDiff compareIntegers(const std::vector<int64_t> &qcc,
                           const std::vector<int64_t> &reference) {
  OutputDiff d;
  d.elements = int64_t(qcc.size());
  for (size_t i = 0; i < qcc.size(); ++i) {
    int64_t diff = std::llabs(qcc[i] - reference[i]);
    d.maxLsb = std::max(d.maxLsb, diff);
    d.differing += diff != 0;
  }
  return d;
}

OutputDiff compareFloats(const std::vector<double> &qcc,
                         const std::vector<double> &reference) {
  OutputDiff d;
  d.quantized = false;
  d.elements = int64_t(qcc.size());
  for (size_t i = 0; i < qcc.size(); ++i) {
    double diff = std::fabs(qcc[i] - reference[i]);
    if (std::isnan(qcc[i]) != std::isnan(reference[i]))
      diff = INFINITY;
    else if (std::isnan(qcc[i]))
      diff = 0;
    d.maxAbs = std::max(d.maxAbs, diff);
    d.referenceMax = std::max(d.referenceMax, std::fabs(reference[i]));
    d.differing += diff != 0;
  }
  return d;
}

bool isJudged(const std::string &tool) {
  llvm::StringRef t(tool);
  return t.starts_with("onnxruntime-") || t.starts_with("onnx-spec-");
}

int64_t referenceSpread(const Manifest &m) {
  auto isOrt = [](const std::string &t) {
    return llvm::StringRef(t).starts_with("onnxruntime-");
  };
  auto isEngine = [](const std::string &t) {
    return t == "pytorch-onednn" || t == "pytorch-qnnpack";
  };
  int64_t d = 0;
  for (const Comparison &c : m.comparisons)
    if (c.maxDiffLsb &&
        ((isOrt(c.a) && isEngine(c.b)) || (isOrt(c.b) && isEngine(c.a))))
      d = std::max(d, *c.maxDiffLsb);
  return d;
}

int64_t lsbLimit(const Manifest &m, size_t index, const std::string &numerics) {
  if (!m.outputQuantization[index] && m.outputs[index].dtype == "int32")
    return 0;
  if (numerics == "onnx" && m.category == "op")
    return 0;
  return std::max<int64_t>(1, referenceSpread(m));
}

bool withinRule(const Manifest &m, size_t index, const std::string &numerics,
                const OutputDiff &diff) {
  if (!diff.quantized)
    return diff.maxAbs <= kFloatTolerance * diff.referenceMax;
  return diff.maxLsb <= lsbLimit(m, index, numerics);
}

} // namespace qcc::conformance
