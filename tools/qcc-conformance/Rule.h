// The conformance rule of issue 3: what qcc's outputs are compared with, and
// how far they may stray.
//
// Quantized outputs are compared as integers, in LSB. Against each ONNX
// Runtime reference (`onnxruntime-*`) and each `onnx-spec-*` reference they
// may differ by max(1, d) LSB, d being the largest gap the manifest records
// between ONNX Runtime and a PyTorch engine (`pytorch-onednn`,
// `pytorch-qnnpack`): qcc may not stray further from ONNX Runtime than
// PyTorch does. In `onnx` numerics the single-operator models (category
// `op`) must be bit-exact. int32 accumulator outputs carry no rounding and
// must be exact in every mode. Float outputs (dynamic models) must be within
// 1e-5 of the largest magnitude in the reference. Other references (PyTorch,
// float32) are reported, not judged.
#ifndef QCC_TOOLS_CONFORMANCE_RULE_H
#define QCC_TOOLS_CONFORMANCE_RULE_H

#include "Manifest.h"

namespace qcc::conformance {

/// The difference between qcc's value of one output and a reference's.
struct OutputDiff {
  bool quantized = true;
  int64_t maxLsb = 0;      ///< quantized: largest |q_qcc - q_ref|
  double maxAbs = 0;       ///< float: largest |y_qcc - y_ref|
  double referenceMax = 0; ///< float: largest |y_ref|
  int64_t differing = 0;
  int64_t elements = 0;
};

/// The integers an output stands for: float values through `quant`
/// (round half to even of y / scale, plus the zero point), integers as is.
std::vector<int64_t> toIntegers(const std::vector<double> &values,
                                const std::vector<int64_t> &shape,
                                const std::optional<Quantization> &quant);

OutputDiff compareIntegers(const std::vector<int64_t> &qcc,
                           const std::vector<int64_t> &reference);
OutputDiff compareFloats(const std::vector<double> &qcc,
                         const std::vector<double> &reference);

/// True for the references the rule judges; the others are reported.
bool isJudged(const std::string &tool);

/// d: the largest ONNX Runtime vs PyTorch-engine gap in `comparisons`.
int64_t referenceSpread(const Manifest &m);

/// The largest LSB difference allowed on output `index` in `numerics`.
int64_t lsbLimit(const Manifest &m, size_t index, const std::string &numerics);

inline constexpr double kFloatTolerance = 1e-5;

/// Whether `diff` keeps to the rule for output `index`.
bool withinRule(const Manifest &m, size_t index, const std::string &numerics,
                const OutputDiff &diff);

} // namespace qcc::conformance

#endif // QCC_TOOLS_CONFORMANCE_RULE_H
