// What the machine is: CPU model, cache sizes, and the instruction-set
// paths qcc's runtime detected; printed before the benchmarks.
#ifndef QCC_BENCH_MACHINEINFO_H
#define QCC_BENCH_MACHINEINFO_H

#include <cstddef>
#include <string>

namespace qcc::bench {

/// "Intel(R) Xeon(R) Processor" (/proc/cpuinfo's model name).
std::string cpuModelName();
/// Whether /proc/cpuinfo lists `flag` (e.g. "amx_int8").
bool cpuHasFlag(const std::string &flag);
/// The last-level (L3) cache, in bytes; 32 MiB when unknown.
size_t l3Bytes();
/// The L2 cache of one core, in bytes; 1 MiB when unknown.
size_t l2Bytes();

/// Prints the machine and qcc's paths to stdout, and adds them to Google
/// Benchmark's context (so JSON output records them too).
void printMachineInfo();

} // namespace qcc::bench

#endif // QCC_BENCH_MACHINEINFO_H
