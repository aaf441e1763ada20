// qcc's runtime as a benchmark operator: a model of one descriptor per
// weight set (fully connected for the GEMMs, conv2d for the convolutions)
// in a context created for one instruction-set path and thread count,
// which packs the weights once; an add in a context of its own.
#ifndef QCC_BENCH_QCCOPS_H
#define QCC_BENCH_QCCOPS_H

#include "AddProblem.h"
#include "Int8Op.h"
#include "QuantProblem.h"

#include <memory>

namespace qcc::bench {

enum class QccLayer { FullyConnected, Conv2d };

/// `isa` a QCC_RT_ISA_* value (AUTO: the best path, or $QCC_ISA); `rule`
/// qcc's default (double rounding) or the float rule, oneDNN's and
/// XNNPACK's. Throws std::runtime_error with the runtime's message when the
/// context is refused.
std::unique_ptr<Int8Op>
makeQccOp(const QuantProblem &problem, QccLayer layer, int32_t isa,
          int32_t threads, rt::Rounding rule = rt::Rounding::DoubleRound);

/// The add in a context of its own, 1 thread (isa and rule as above).
std::unique_ptr<Int8Op>
makeQccAdd(const AddProblem &problem, int32_t isa,
           rt::Rounding rule = rt::Rounding::DoubleRound);

/// The ISA variants worth a benchmark: every path this CPU supports.
std::vector<int32_t> qccSupportedIsas();

} // namespace qcc::bench

#endif // QCC_BENCH_QCCOPS_H
