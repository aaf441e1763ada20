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
/// add/<library>/<shape>[/variant]: the models' residual adds.
void registerAddBenchmarks();
/// The corpus models of the model benchmarks.
inline constexpr const char *kBenchmarkModels[] = {
    "arch_resnet18_onednn", "arch_mobilenet_v2_onednn",
    "static_cnn32_onednn",          // the corpus CNN
    "static_mlp_784_512_10_onednn", // the corpus MLP
};
/// model/qcc/<corpus model>[/variant].
void registerModelBenchmarks();
/// model/onnxruntime/<corpus model>[/threads:2], when ONNX Runtime is
/// installed (OnnxRuntime.cpp).
void registerOnnxRuntimeBenchmarks();
/// model/qcc-vs-onnxruntime/<corpus model>[/onnx-numerics]: both engines in
/// alternating blocks, when ONNX Runtime is installed.
void registerPairedModelBenchmarks();

} // namespace qcc::bench

#endif // QCC_BENCH_BENCHMARKS_H
