// model/onnxruntime/<corpus model>[/threads:2]: the ONNX files of
// model/qcc/... timed in ONNX Runtime, the engine most users of these models
// would run them with. Debian packages no ONNX Runtime; the npm package
// onnxruntime-node carries its CPU library (scripts/bench installs it), and
// bench/onnxruntime/time_model.cjs runs it under Node.js and reports each
// run's seconds, which become this benchmark's manual time. The Node.js
// call around each run adds at most 13 us (a model of 120 elements takes
// that much in all). Without the package the benchmarks are not registered,
// and qcc-bench says so.
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "ModelMacs.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace qcc::bench {

namespace {

std::string shellQuoted(const std::string &s) {
  std::string q = "'";
  for (char c : s)
    q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// One call of the script: the seconds of `runs` runs, and its "ok" line's
/// version and output difference.
struct ScriptRuns {
  std::vector<double> seconds;
  std::string version, error;
  double diff = -1;
};

ScriptRuns runScript(const std::string &modelDir, int threads, int64_t runs) {
  ScriptRuns r;
  const std::string command =
      "node " + shellQuoted(QCC_BENCH_ONNXRUNTIME_SCRIPT) + " " +
      shellQuoted(options().onnxruntime) + " " + shellQuoted(modelDir) + " " +
      std::to_string(threads) + " " + std::to_string(runs) + " 2>&1";
  FILE *pipe = popen(command.c_str(), "r");
  if (!pipe) {
    r.error = "cannot start node";
    return r;
  }
  std::string text;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;)
    text.append(buffer, n);
  const int status = pclose(pipe);
  // ONNX Runtime may log to stderr before the script's "ok" line.
  const size_t ok = text.rfind("ok ", 0) == 0 ? 0 : text.find("\nok ");
  if (status != 0 || ok == std::string::npos) {
    const size_t error = text.find("error ");
    const std::string why =
        error == std::string::npos
            ? text.substr(0, text.find('\n'))
            : text.substr(error, text.find('\n', error) - error);
    r.error = "ONNX Runtime run failed (" + command +
              "): " + (why.empty() ? "no output" : why);
    return r;
  }
  std::istringstream lines(text.substr(ok));
  std::string word;
  lines >> word >> r.version >> r.diff;
  for (double s; lines >> s;)
    r.seconds.push_back(s);
  if (int64_t(r.seconds.size()) != runs)
    r.error = "the ONNX Runtime script reported " +
              std::to_string(r.seconds.size()) + " runs of " +
              std::to_string(runs);
  return r;
}

/// How the output compares with the corpus's ONNX Runtime 1.30 reference
/// (another version or CPU may round a few outputs differently).
std::string describeDiff(double diff) {
  if (diff < 0)
    return "no ONNX Runtime reference in the corpus";
  if (diff == 0)
    return "output = the corpus's ONNX Runtime reference";
  char text[96];
  std::snprintf(text, sizeof(text),
                "max |diff| %.4g vs the corpus's ONNX Runtime reference", diff);
  return text;
}

void registerModel(const std::string &model, int threads) {
  const std::string name = "model/onnxruntime/" + model +
                           (threads > 1 ? "/threads:2" : std::string());
  benchmark::RegisterBenchmark(
      name.c_str(),
      [name, model, threads](benchmark::State &state) {
        const std::string dir = options().corpus + "/" + model;
        auto macs = cached<ModelMacs>(name, [&] {
          return std::make_shared<ModelMacs>(
              countModelMacs(dir + "/model.onnx"));
        });
        const ScriptRuns r = runScript(dir, threads, state.max_iterations);
        if (!r.error.empty()) {
          state.SkipWithError(r.error.c_str());
          return;
        }
        size_t i = 0;
        for (auto _ : state)
          state.SetIterationTime(r.seconds[i++]);
        if (macs->macs > 0)
          setGops(state, double(macs->macs));
        state.SetLabel("ONNX Runtime " + r.version + " (onnxruntime-node), " +
                       std::to_string(threads) +
                       " thread(s), every graph optimization; " +
                       describeDiff(r.diff));
      })
      ->UseManualTime()
      ->Unit(benchmark::kMicrosecond);
}

} // namespace

void registerOnnxRuntimeBenchmarks() {
  if (!std::ifstream(options().onnxruntime + "/package.json")) {
    std::fprintf(stderr,
                 "model/onnxruntime/*: not run, no onnxruntime-node package "
                 "at %s (scripts/bench installs it; --onnxruntime=DIR)\n",
                 options().onnxruntime.c_str());
    return;
  }
  for (const char *model : kBenchmarkModels)
    for (int threads : {1, 2})
      registerModel(model, threads);
}

} // namespace qcc::bench
