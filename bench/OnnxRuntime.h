// ONNX Runtime (the npm package onnxruntime-node, under Node.js) as the
// benchmarks drive it: bench/onnxruntime/time_model.cjs with one corpus
// model's session open, running blocks of runs on request
// (model/onnxruntime/... and model/qcc-vs-onnxruntime/...).
#ifndef QCC_BENCH_ONNXRUNTIME_H
#define QCC_BENCH_ONNXRUNTIME_H

#include <string>
#include <sys/types.h>
#include <vector>

namespace qcc::bench {

/// Whether options().onnxruntime holds the package.
bool onnxRuntimeInstalled();

/// How the output compares with the corpus's ONNX Runtime 1.30 reference
/// (`diff`: the script's largest |difference|, -1 without a reference).
std::string describeOnnxRuntimeDiff(double diff);

/// The script: one Node.js process with the session open.
class OnnxRuntimeServer {
public:
  /// Starts the script on `modelDir` with `threads` intra-op threads and
  /// waits for its "ok" line (the session created and warmed up). On
  /// failure error() says why. Each answer of the script is awaited for
  /// options().onnxruntimeTimeout seconds at most; a script that gives none
  /// in that time is killed.
  OnnxRuntimeServer(const std::string &modelDir, int threads);
  /// Ends the script (end of its input) and waits for it.
  ~OnnxRuntimeServer();
  OnnxRuntimeServer(const OnnxRuntimeServer &) = delete;
  OnnxRuntimeServer &operator=(const OnnxRuntimeServer &) = delete;

  /// The seconds of `runs` runs, timed by the script; empty on failure
  /// (error() says why).
  std::vector<double> run(int runs);

  const std::string &error() const { return why; }
  /// The script's process id (-1 when it is not running).
  pid_t process() const { return pid; }
  const std::string &version() const { return onnxRuntimeVersion; }
  double outputDiff() const { return diff; }

private:
  /// The script's next line; false at its end or when it gave none in time
  /// (then `why` says so, naming what it was waiting for, `during`, and the
  /// script is gone).
  bool readLine(std::string &line, const std::string &during);
  void stop();

  pid_t pid = -1;
  int toScript = -1, fromScript = -1;
  std::string buffered, why, onnxRuntimeVersion;
  double diff = -1;
};

} // namespace qcc::bench

#endif // QCC_BENCH_ONNXRUNTIME_H
