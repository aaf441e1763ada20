// model/onnxruntime/<corpus model>[/threads:2]: the ONNX files of
// model/qcc/... timed in ONNX Runtime, the engine most users of these models
// would run them with. Debian packages no ONNX Runtime; the npm package
// onnxruntime-node carries its CPU library (scripts/bench installs it), and
// bench/onnxruntime/time_model.cjs keeps a session of it open under Node.js
// (OnnxRuntimeServer) and reports the seconds of each run it is asked for,
// which become this benchmark's manual time; the paired benchmarks
// (PairedModelBenchmarks.cpp) drive it the same way. The Node.js call
// around each run adds at most 13 us (a model of 120 elements takes that
// much in all). Without the package the benchmarks are not registered, and
// qcc-bench says so.
#include "OnnxRuntime.h"

#include "BenchSupport.h"
#include "Benchmarks.h"
#include "ModelMacs.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace qcc::bench {

namespace {

/// The "ok" line's DIFF: a number, or "Infinity" where the output's length
/// is not the reference's (istream reads no "Infinity").
double parseDiff(const std::string &word) {
  char *end = nullptr;
  const double d = std::strtod(word.c_str(), &end);
  return end && *end == '\0' && !word.empty() ? d : -1;
}

/// What a model/onnxruntime benchmark keeps between Google Benchmark's
/// calls: the MACs of the GOPS counter and the open session.
struct OnnxRuntimeModel {
  ModelMacs macs;
  std::unique_ptr<OnnxRuntimeServer> server;
};

void registerModel(const std::string &model, int threads) {
  const std::string name = "model/onnxruntime/" + model +
                           (threads > 1 ? "/threads:2" : std::string());
  benchmark::RegisterBenchmark(
      name.c_str(),
      [name, model, threads](benchmark::State &state) {
        const std::string dir = options().corpus + "/" + model;
        auto p = cached<OnnxRuntimeModel>(name, [&] {
          auto m = std::make_shared<OnnxRuntimeModel>();
          m->macs = countModelMacs(dir + "/model.onnx");
          m->server = std::make_unique<OnnxRuntimeServer>(dir, threads);
          return m;
        });
        const std::vector<double> seconds =
            p->server->run(int(state.max_iterations));
        if (seconds.empty()) {
          state.SkipWithError(p->server->error().c_str());
          return;
        }
        size_t i = 0;
        for (auto _ : state)
          state.SetIterationTime(seconds[i++]);
        if (p->macs.macs > 0)
          setGops(state, double(p->macs.macs));
        state.SetLabel("ONNX Runtime " + p->server->version() +
                       " (onnxruntime-node), " + std::to_string(threads) +
                       " thread(s), every graph optimization; " +
                       describeOnnxRuntimeDiff(p->server->outputDiff()));
      })
      ->UseManualTime()
      ->Unit(benchmark::kMicrosecond);
}

} // namespace

bool onnxRuntimeInstalled() {
  return bool(std::ifstream(options().onnxruntime + "/package.json"));
}

// Another version or CPU may round a few outputs differently.
std::string describeOnnxRuntimeDiff(double diff) {
  if (diff < 0)
    return "no ONNX Runtime reference in the corpus";
  if (diff == 0)
    return "output = the corpus's ONNX Runtime reference";
  char text[96];
  std::snprintf(text, sizeof(text),
                "max |diff| %.4g vs the corpus's ONNX Runtime reference", diff);
  return text;
}

OnnxRuntimeServer::OnnxRuntimeServer(const std::string &modelDir, int threads) {
  // A script that died would end qcc-bench at the next request otherwise.
  static const bool ignorePipe = (std::signal(SIGPIPE, SIG_IGN), true);
  (void)ignorePipe;
  // Close-on-exec: no other child (nor the script) inherits the ends.
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) {
    why = std::string("pipe: ") + std::strerror(errno);
    return;
  }
  if (pipe2(out, O_CLOEXEC) != 0) {
    why = std::string("pipe: ") + std::strerror(errno);
    close(in[0]);
    close(in[1]);
    return;
  }
  // The script's stdin is in[0], its stdout out[1] (dup2 clears
  // close-on-exec); stderr stays ours.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  const std::string threadsArg = std::to_string(threads);
  const char *argv[] = {"node",
                        QCC_BENCH_ONNXRUNTIME_SCRIPT,
                        options().onnxruntime.c_str(),
                        modelDir.c_str(),
                        threadsArg.c_str(),
                        nullptr};
  const int spawned = posix_spawnp(&pid, "node", &actions, nullptr,
                                   const_cast<char *const *>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  toScript = in[1];
  fromScript = out[0];
  if (spawned != 0) {
    pid = -1;
    why = std::string("cannot start node: ") + std::strerror(spawned);
    return;
  }
  // ONNX Runtime may log to stdout before the script's "ok" line.
  for (std::string line; readLine(line, "while its session was made");) {
    if (line.rfind("error ", 0) == 0) {
      why = "ONNX Runtime failed: " + line.substr(6);
      return;
    }
    if (line.rfind("ok ", 0) == 0) {
      std::istringstream words(line.substr(3));
      std::string diffWord;
      words >> onnxRuntimeVersion >> diffWord;
      diff = parseDiff(diffWord);
      return;
    }
  }
  if (why.empty())
    why = "the ONNX Runtime script ended before its session was ready";
}

OnnxRuntimeServer::~OnnxRuntimeServer() { stop(); }

void OnnxRuntimeServer::stop() {
  if (toScript >= 0)
    close(toScript);
  if (fromScript >= 0)
    close(fromScript);
  toScript = fromScript = -1;
  if (pid > 0) {
    int status = 0;
    waitpid(pid, &status, 0);
  }
  pid = -1;
}

bool OnnxRuntimeServer::readLine(std::string &line, const std::string &during) {
  using Clock = std::chrono::steady_clock;
  const double limit = options().onnxruntimeTimeout;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(limit));
  for (;;) {
    const size_t end = buffered.find('\n');
    if (end != std::string::npos) {
      line = buffered.substr(0, end);
      buffered.erase(0, end + 1);
      return true;
    }
    // A script stuck in a run would otherwise hold qcc-bench forever.
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd ready{fromScript, POLLIN, 0};
    const int polled =
        left.count() > 0
            ? poll(&ready, 1, int(std::min<int64_t>(left.count(), INT32_MAX)))
            : 0;
    if (polled < 0 && errno == EINTR)
      continue;
    if (polled == 0) {
      char text[192];
      std::snprintf(text, sizeof(text),
                    "the ONNX Runtime script gave no answer in %g s %s "
                    "(--onnxruntime-timeout); stopped it",
                    limit, during.c_str());
      why = text;
      if (pid > 0)
        kill(pid, SIGKILL);
      stop();
      return false;
    }
    char chunk[4096];
    const ssize_t n = read(fromScript, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    buffered.append(chunk, size_t(n));
  }
}

std::vector<double> OnnxRuntimeServer::run(int runs) {
  std::vector<double> seconds;
  if (!why.empty())
    return seconds;
  const std::string request = std::to_string(runs) + "\n";
  std::string line;
  if (write(toScript, request.data(), request.size()) !=
          ssize_t(request.size()) ||
      !readLine(line, "to a request for " + std::to_string(runs) + " runs")) {
    if (why.empty())
      why = "the ONNX Runtime script stopped answering";
    stop();
    return seconds;
  }
  std::istringstream words(line);
  for (double s; words >> s;)
    seconds.push_back(s);
  if (int(seconds.size()) != runs) {
    why = "the ONNX Runtime script answered \"" + line.substr(0, 80) +
          "\" to a request for " + std::to_string(runs) + " runs";
    seconds.clear();
    stop();
  }
  return seconds;
}

void registerOnnxRuntimeBenchmarks() {
  if (!onnxRuntimeInstalled()) {
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
