// oneDNN 2.6 as a benchmark operator: dnnl::matmul for the GEMMs and
// dnnl::convolution_forward for the convolutions, uint8 source with a zero
// point, int8 weights reordered once into the format the primitive chose
// ("any"), int32 bias, per-output-channel output scales and a uint8
// destination with a zero point. Threads are OpenMP's. The add is
// dnnl::binary's: both sources scaled, the zero points in a linear
// post-op (it takes none of its own).
#ifndef QCC_BENCH_ONEDNN_H
#define QCC_BENCH_ONEDNN_H

#include "AddProblem.h"
#include "Int8Op.h"
#include "QuantProblem.h"

#include <memory>
#include <string>

namespace qcc::bench {

enum class OneDnnLayer { Matmul, Convolution };

/// Throws dnnl::error (a std::exception) when oneDNN refuses the problem.
std::unique_ptr<Int8Op> makeOneDnnOp(const QuantProblem &problem,
                                     OneDnnLayer layer, int threads);

/// 1 thread. Throws dnnl::error when oneDNN refuses the problem.
std::unique_ptr<Int8Op> makeOneDnnAdd(const AddProblem &problem);

/// "2.6.3 (cpu runtime OpenMP)".
std::string oneDnnVersion();

/// Caps the instruction sets oneDNN may use (before its first primitive):
/// "avx2", "avx2_vnni", "avx512_core_vnni", "avx512_core_amx" or "all".
/// False for another name or when oneDNN refuses.
bool setOneDnnMaxIsa(const std::string &name);

} // namespace qcc::bench

#endif // QCC_BENCH_ONEDNN_H
