#include "MachineInfo.h"

#include "BenchSupport.h"
#include "OneDnn.h"

#include "qcc/runtime/qcc_runtime.h"

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace qcc::bench {

namespace {

/// The value of the first "key : value" line of /proc/cpuinfo.
std::string cpuinfoField(const std::string &key) {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos)
      continue;
    std::string name = line.substr(0, colon);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
      name.pop_back();
    if (name == key)
      return line.substr(std::min(line.size(), colon + 2));
  }
  return "";
}

/// A cache size from sysconf, else from sysfs ("480M", "2048K").
size_t cacheBytes(int sysconfName, int sysfsIndex, size_t fallback) {
  const long v = sysconf(sysconfName);
  if (v > 0)
    return size_t(v);
  std::ifstream f("/sys/devices/system/cpu/cpu0/cache/index" +
                  std::to_string(sysfsIndex) + "/size");
  size_t n = 0;
  char unit = 0;
  if (f >> n) {
    f >> unit;
    return n * (unit == 'M' ? 1u << 20 : unit == 'K' ? 1u << 10 : 1u);
  }
  return fallback;
}

} // namespace

std::string cpuModelName() {
  const std::string name = cpuinfoField("model name");
  return name.empty() ? "unknown CPU" : name;
}

bool cpuHasFlag(const std::string &flag) {
  std::istringstream flags(cpuinfoField("flags"));
  std::string f;
  while (flags >> f)
    if (f == flag)
      return true;
  return false;
}

size_t l3Bytes() {
  static const size_t bytes = cacheBytes(_SC_LEVEL3_CACHE_SIZE, 3, 32u << 20);
  return bytes;
}

size_t l2Bytes() {
  static const size_t bytes = cacheBytes(_SC_LEVEL2_CACHE_SIZE, 2, 1u << 20);
  return bytes;
}

void printMachineInfo() {
  const std::string cpu = cpuModelName();
  std::string supported;
  for (int32_t isa = QCC_RT_ISA_REFERENCE; isa < QCC_RT_ISA_COUNT; ++isa)
    if (qcc_rt_isa_supported(isa))
      supported +=
          std::string(supported.empty() ? "" : ", ") + qcc_rt_isa_name(isa);
  const char *best = qcc_rt_isa_name(qcc_rt_best_isa());
  std::string amx = cpuHasFlag("amx_int8") ? "yes" : "no";

  std::printf("CPU:            %s, %u logical cores\n", cpu.c_str(),
              std::thread::hardware_concurrency());
  std::printf("Caches:         L2 %s per core, L3 %s\n",
              formatBytes(double(l2Bytes())).c_str(),
              formatBytes(double(l3Bytes())).c_str());
  std::printf("qcc paths:      best %s; supported: %s\n", best ? best : "?",
              supported.c_str());
  std::printf("AMX int8:       %s (qcc's amx path and oneDNN use it when "
              "present; --onednn-max-isa caps oneDNN)\n",
              amx.c_str());
  std::printf("oneDNN:         %s\n", oneDnnVersion().c_str());
  std::printf("XNNPACK:        Debian libxnnpack 0.0~git20220216\n");
  std::printf("Model corpus:   %s\n\n", options().corpus.c_str());
  std::fflush(stdout);

  benchmark::AddCustomContext("cpu_model", cpu);
  benchmark::AddCustomContext("qcc_best_isa", best ? best : "?");
  benchmark::AddCustomContext("qcc_supported_isas", supported);
  benchmark::AddCustomContext("amx_int8", amx);
  benchmark::AddCustomContext("onednn_version", oneDnnVersion());
  benchmark::AddCustomContext("corpus", options().corpus);
}

} // namespace qcc::bench
