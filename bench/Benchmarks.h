// The benchmark families of qcc-bench; main() registers them in this order.
#ifndef QCC_BENCH_BENCHMARKS_H
#define QCC_BENCH_BENCHMARKS_H

namespace qcc::bench {

/// peak/...: vpdpbusd throughput (zmm, ymm) and read bandwidth.
void registerPeakBenchmarks();
/// gemm/<library>/MxKxN[/variant].
void registerGemmBenchmarks();
/// conv/<library>/<shape>[/variant].
void registerConvBenchmarks();
/// model/qcc/<corpus model>.
void registerModelBenchmarks();

} // namespace qcc::bench

#endif // QCC_BENCH_BENCHMARKS_H
