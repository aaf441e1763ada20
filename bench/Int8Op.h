// The interface the operator benchmarks time: one library's prepared
// int8 layer (weights packed, primitive created, buffers bound), run on the
// problem's input into its own output.
#ifndef QCC_BENCH_INT8OP_H
#define QCC_BENCH_INT8OP_H

#include "qcc/runtime/Requantize.h"

#include <cstddef>
#include <string>

namespace qcc::bench {

class Int8Op {
public:
  virtual ~Int8Op() = default;
  /// Runs with weight set `set` of the problem (cold benchmarks rotate).
  virtual void run(size_t set) = 0;
  virtual const void *output() const = 0;
  /// int8 output holding the uint8 result minus 128 (XNNPACK's qc8).
  virtual bool signedOutput() const { return false; }
  /// The rule the output is checked against: qcc's double rounding, or the
  /// float rule (float32(acc) * scale rounded half to even), which oneDNN
  /// and XNNPACK compute and qcc computes when asked to.
  virtual rt::Rounding rule() const = 0;
  /// How far from that rule's exact output an element may be: 0 for qcc, 1
  /// for the libraries (their order of float operations is their own).
  virtual int tolerance() const = 0;
  /// What runs: path or implementation, threads.
  virtual std::string describe() const = 0;
  /// Called on the benchmark's thread before the timed loop.
  virtual void bindThread() {}
};

} // namespace qcc::bench

#endif // QCC_BENCH_INT8OP_H
