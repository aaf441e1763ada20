// A quantized add of two uint8 tensors of one shape, each with its zero
// point and scale, into uint8: the inputs, both rules' parameters as a
// compiler derives them (TFLite's integer rule, the float rule the
// libraries compute), and each element's expected output. The add
// benchmarks' counterpart of QuantProblem.
#ifndef QCC_BENCH_ADDPROBLEM_H
#define QCC_BENCH_ADDPROBLEM_H

#include "BenchSupport.h"

#include "qcc/runtime/Requantize.h"

#include <cstdint>

namespace qcc::bench {

/// A shape and the quantization of its three tensors.
struct AddCase {
  const char *text; ///< the shape as the benchmark names it
  int64_t count;
  int32_t zpA, zpB, zpOut;
  double sA, sB, sOut;
};

class AddProblem {
public:
  /// Throws std::runtime_error when a scale ratio has no integer
  /// multiplier.
  explicit AddProblem(const AddCase &c);

  const AddCase &shape() const { return c; }
  /// count + QuantProblem::kSlack bytes each (libraries read past the end).
  const uint8_t *inputA() const { return a.get(); }
  const uint8_t *inputB() const { return b.get(); }
  /// Element i of the output in `rule` (DoubleRound or FloatHalfEven).
  int32_t expected(int64_t i, rt::Rounding rule) const;

  /// The integer rule's multipliers: each input to the common scale
  /// 2 max(sA, sB), the sum to the output's after the headroom shift.
  rt::QuantizedMultiplier mA, mB, mOut;
  /// The float rule's sA / sOut and sB / sOut.
  float rA, rB;

private:
  const AddCase &c;
  AlignedBuffer<uint8_t> a, b;
};

} // namespace qcc::bench

#endif // QCC_BENCH_ADDPROBLEM_H
