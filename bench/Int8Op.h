// The interface the operator benchmarks time: one library's prepared
// int8 layer (weights packed, primitive created, buffers bound), run on the
// problem's input into its own output.
#ifndef QCC_BENCH_INT8OP_H
#define QCC_BENCH_INT8OP_H

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
  /// How far from the exact integer rule an output element may be: 0 for
  /// qcc (bit-exact double rounding), 1 for libraries that requantize in
  /// float.
  virtual int tolerance() const = 0;
  /// What runs: path or implementation, threads.
  virtual std::string describe() const = 0;
  /// Called on the benchmark's thread before the timed loop.
  virtual void bindThread() {}
};

} // namespace qcc::bench

#endif // QCC_BENCH_INT8OP_H
