// XNNPACK (Debian's 2022-02 snapshot) as a benchmark operator: the qc8
// convolution, int8 weights with a float scale per output channel. Its
// activations are int8, so the problem's uint8 input and output are shifted
// by 128 (zero points too): the same arithmetic, the same results. A GEMM
// M x K x N is its 1x1 convolution over an M x 1 image, the usual way to get
// a per-channel requantized int8 GEMM out of this version (its fully
// connected operators are per tensor); a depthwise convolution is groups =
// channels with one input and one output channel per group. The add is
// XNNPACK's qu8 add, on uint8 as it is.
#ifndef QCC_BENCH_XNNPACK_H
#define QCC_BENCH_XNNPACK_H

#include "AddProblem.h"
#include "Int8Op.h"
#include "QuantProblem.h"

#include <memory>

namespace qcc::bench {

/// Throws std::runtime_error when XNNPACK refuses the problem.
std::unique_ptr<Int8Op> makeXnnpackOp(const QuantProblem &problem, int threads);

/// 1 thread. Throws std::runtime_error when XNNPACK refuses the problem.
std::unique_ptr<Int8Op> makeXnnpackAdd(const AddProblem &problem);

} // namespace qcc::bench

#endif // QCC_BENCH_XNNPACK_H
