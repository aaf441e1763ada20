// qcc-bench: qcc's int8 kernels timed beside oneDNN and XNNPACK, the
// machine's peak, and whole models, in one run of Google Benchmark.
//
//   qcc-bench [--corpus=DIR] [--onednn-max-isa=ISA] [--onnxruntime=DIR]
//             [--onnxruntime-timeout=SECONDS]
//             [--benchmark_filter=REGEX] [other --benchmark_*]
//
// --onednn-max-isa=avx512_core_vnni keeps oneDNN off AMX, to compare like
// with like against qcc's avx512-vnni path (oneDNN picks its path once per
// process, so this is a run of its own).
// Prints the CPU and the paths qcc detected first. The model corpus is
// --corpus=DIR, else $QCC_CORPUS, else the build's QCC_BENCH_CORPUS.
// --onnxruntime=DIR is the onnxruntime-node package the model/onnxruntime
// and model/qcc-vs-onnxruntime benchmarks run (else $QCC_ONNXRUNTIME, else
// where scripts/bench puts it); a script that gives no answer (its session
// ready, a block of runs) within --onnxruntime-timeout seconds (300) is
// killed and its benchmark fails with that message.
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "MachineInfo.h"
#include "OneDnn.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  using namespace qcc::bench;
  const char *env = std::getenv("QCC_CORPUS");
  options().corpus = env && *env ? env : QCC_BENCH_DEFAULT_CORPUS;
  const char *ort = std::getenv("QCC_ONNXRUNTIME");
  options().onnxruntime = ort && *ort ? ort : QCC_BENCH_DEFAULT_ONNXRUNTIME;
  // Our flag out of argv before Google Benchmark sees it.
  std::vector<char *> args;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::strncmp(argv[i], "--corpus=", 9) == 0) {
      options().corpus = argv[i] + 9;
      continue;
    }
    if (i > 0 && std::strncmp(argv[i], "--onnxruntime=", 14) == 0) {
      options().onnxruntime = argv[i] + 14;
      continue;
    }
    if (i > 0 && std::strncmp(argv[i], "--onnxruntime-timeout=", 22) == 0) {
      char *end = nullptr;
      const double seconds = std::strtod(argv[i] + 22, &end);
      if (end == argv[i] + 22 || *end != '\0' || !(seconds > 0)) {
        std::fprintf(stderr,
                     "qcc-bench: --onnxruntime-timeout takes a number of "
                     "seconds above 0, not '%s'\n",
                     argv[i] + 22);
        return 1;
      }
      options().onnxruntimeTimeout = seconds;
      continue;
    }
    if (i > 0 && std::strncmp(argv[i], "--onednn-max-isa=", 17) == 0) {
      if (!setOneDnnMaxIsa(argv[i] + 17)) {
        std::fprintf(stderr,
                     "qcc-bench: --onednn-max-isa takes avx2, avx2_vnni, "
                     "avx512_core_vnni, avx512_core_amx or all, not '%s'\n",
                     argv[i] + 17);
        return 1;
      }
      continue;
    }
    if (i > 0 && std::strcmp(argv[i], "--help") == 0)
      std::printf("qcc-bench: qcc's int8 kernels beside oneDNN and XNNPACK\n"
                  "  --corpus=DIR   model corpus (default $QCC_CORPUS, else "
                  "%s)\n  --onednn-max-isa=ISA   the most oneDNN may use: "
                  "avx2, avx2_vnni, avx512_core_vnni, avx512_core_amx, all\n"
                  "  --onnxruntime=DIR   the onnxruntime-node package of "
                  "model/onnxruntime/... and model/qcc-vs-onnxruntime/... "
                  "(default $QCC_ONNXRUNTIME, else %s)\n"
                  "  --onnxruntime-timeout=SECONDS   how long to wait for "
                  "each answer of the ONNX Runtime script before stopping "
                  "it (default 300)\n"
                  "Google Benchmark's options:\n",
                  QCC_BENCH_DEFAULT_CORPUS, QCC_BENCH_DEFAULT_ONNXRUNTIME);
    args.push_back(argv[i]);
  }
  int count = int(args.size());
  args.push_back(nullptr);
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data()))
    return 1;

  printMachineInfo();
  registerPeakBenchmarks();
  registerGemmBenchmarks();
  registerConvBenchmarks();
  registerAddBenchmarks();
  registerModelBenchmarks();
  registerOnnxRuntimeBenchmarks();
  registerPairedModelBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  clearCache();
  benchmark::Shutdown();
  return 0;
}
