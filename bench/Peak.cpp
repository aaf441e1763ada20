// The machine's limits, for reading the other numbers: vpdpbusd throughput
// on zmm (AVX-512 VNNI) and ymm (AVX-VNNI) as int8 MACs per cycle and GOPS,
// and single-core read bandwidth from L2, from L3 and from memory.
//
// Cycles: right after each timed block of vpdpbusd, a dependent chain of
// scalar adds (one cycle each) is timed too, so the clock is measured at
// the frequency the core runs vector code at; the block alone is the
// iteration's (manual) time.
#include "BenchSupport.h"
#include "Benchmarks.h"
#include "MachineInfo.h"

#include "qcc/runtime/qcc_runtime.h"

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstring>

namespace qcc::bench {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

constexpr int kZmmAccumulators = 24;
constexpr int kYmmAccumulators = 12; // VEX encoding: ymm0-15 only
constexpr int64_t kRepeats = 20000;  // per timed block
constexpr int64_t kChainAdds = 100;  // per asm statement
constexpr int64_t kChainRepeats = 4000;

// Named accumulators, 24 for zmm and 12 for ymm (whose VEX encoding
// reaches ymm0-15 only). The vpdpbusd itself is one asm statement on the
// intrinsic types: GCC 12 compiles _mm512_dpbusd_epi32 in such a loop with a
// register copy or a spill per accumulator, which halves the throughput
// measured.
#define QCC_BENCH_12(X)                                                        \
  X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)
#define QCC_BENCH_24(X)                                                        \
  QCC_BENCH_12(X)                                                              \
  X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23)

/// kRepeats x 24 independent vpdpbusd zmm: 64 MACs each.
__attribute__((target("avx512vnni,avx512f,avx512bw"))) int32_t vpdpbusdZmm() {
  const __m512i a = _mm512_set1_epi8(1), b = _mm512_set1_epi8(2);
#define INIT(i) __m512i acc##i = _mm512_set1_epi32(i);
  QCC_BENCH_24(INIT)
#undef INIT
  for (int64_t r = 0; r < kRepeats; ++r) {
#define STEP(i)                                                                \
  asm("vpdpbusd %[b], %[a], %[acc]"                                            \
      : [acc] "+v"(acc##i)                                                     \
      : [a] "v"(a), [b] "v"(b));
    QCC_BENCH_24(STEP)
#undef STEP
  }
  __m512i sum = _mm512_setzero_si512();
#define ADD(i) sum = _mm512_add_epi32(sum, acc##i);
  QCC_BENCH_24(ADD)
#undef ADD
  alignas(64) int32_t lanes[16];
  _mm512_store_si512(lanes, sum);
  int32_t total = 0;
  for (int32_t v : lanes)
    total += v;
  return total;
}

/// kRepeats x 12 independent vpdpbusd ymm (AVX-VNNI): 32 MACs each.
__attribute__((target("avxvnni,avx2"))) int32_t vpdpbusdYmm() {
  const __m256i a = _mm256_set1_epi8(1), b = _mm256_set1_epi8(2);
#define INIT(i) __m256i acc##i = _mm256_set1_epi32(i);
  QCC_BENCH_12(INIT)
#undef INIT
  for (int64_t r = 0; r < kRepeats; ++r) {
#define STEP(i)                                                                \
  asm("%{vex%} vpdpbusd %[b], %[a], %[acc]"                                    \
      : [acc] "+x"(acc##i)                                                     \
      : [a] "x"(a), [b] "x"(b));
    QCC_BENCH_12(STEP)
#undef STEP
  }
  __m256i sum = _mm256_setzero_si256();
#define ADD(i) sum = _mm256_add_epi32(sum, acc##i);
  QCC_BENCH_12(ADD)
#undef ADD
  alignas(32) int32_t lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i *>(lanes), sum);
  int32_t total = 0;
  for (int32_t v : lanes)
    total += v;
  return total;
}

/// kChainRepeats x kChainAdds dependent adds: that many cycles. Register
/// operands: recent cores fold chains of add-immediate at rename.
uint64_t addChain() {
  uint64_t x = 0, y = 1;
  asm volatile("" : "+r"(y));
  for (int64_t i = 0; i < kChainRepeats; ++i)
    asm volatile(".rept 100\n\taddq %1, %0\n\t.endr" : "+r"(x) : "r"(y));
  return x;
}

void peakVnni(benchmark::State &state, int32_t (*block)(),
              double macsPerInstruction, int accumulators) {
  const double macsPerBlock =
      macsPerInstruction * double(accumulators) * double(kRepeats);
  double chainSeconds = 0, blockSeconds = 0;
  int64_t chains = 0;
  int32_t sink = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    sink += block();
    const double s = secondsSince(t0);
    state.SetIterationTime(s);
    blockSeconds += s;
    const auto t1 = Clock::now();
    benchmark::DoNotOptimize(addChain());
    chainSeconds += secondsSince(t1);
    ++chains;
  }
  benchmark::DoNotOptimize(sink);
  const double ghz =
      double(chains) * kChainAdds * kChainRepeats / chainSeconds / 1e9;
  const double macsPerSecond =
      macsPerBlock * double(state.iterations()) / blockSeconds;
  setGops(state, macsPerBlock);
  state.counters["GHz"] = ghz;
  state.counters["MACs/cycle"] = macsPerSecond / (ghz * 1e9);
}

/// Sum of a buffer as 64-bit lanes, 8 independent accumulators.
__attribute__((target("avx512f"))) uint64_t sumAvx512(const uint8_t *p,
                                                      size_t bytes) {
  __m512i acc[8];
  for (auto &a : acc)
    a = _mm512_setzero_si512();
  for (size_t i = 0; i + 512 <= bytes; i += 512) {
#pragma GCC unroll 8
    for (int j = 0; j < 8; ++j)
      acc[j] = _mm512_add_epi64(
          acc[j],
          _mm512_load_si512(reinterpret_cast<const void *>(p + i + 64 * j)));
  }
  __m512i s = acc[0];
  for (int j = 1; j < 8; ++j)
    s = _mm512_add_epi64(s, acc[j]);
  alignas(64) uint64_t lanes[8];
  _mm512_store_si512(lanes, s);
  uint64_t total = 0;
  for (uint64_t v : lanes)
    total += v;
  return total;
}

/// The same with AVX2, for CPUs without AVX-512.
__attribute__((target("avx2"))) uint64_t sumAvx2(const uint8_t *p,
                                                 size_t bytes) {
  __m256i acc[8];
  for (auto &a : acc)
    a = _mm256_setzero_si256();
  for (size_t i = 0; i + 256 <= bytes; i += 256) {
#pragma GCC unroll 8
    for (int j = 0; j < 8; ++j)
      acc[j] = _mm256_add_epi64(
          acc[j],
          _mm256_load_si256(reinterpret_cast<const __m256i *>(p + i + 32 * j)));
  }
  __m256i s = acc[0];
  for (int j = 1; j < 8; ++j)
    s = _mm256_add_epi64(s, acc[j]);
  alignas(32) uint64_t lanes[4];
  _mm256_store_si256(reinterpret_cast<__m256i *>(lanes), s);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

struct ReadBuffer {
  AlignedBuffer<uint8_t> data;
  size_t bytes = 0;
};

void readBandwidth(benchmark::State &state, size_t bytes) {
  auto buffer = cached<ReadBuffer>("read " + std::to_string(bytes), [bytes] {
    auto b = std::make_shared<ReadBuffer>();
    b->data = alignedBuffer<uint8_t>(bytes);
    b->bytes = bytes;
    fillRandom(b->data.get(), bytes, 5); // touches every page
    return b;
  });
  const bool avx512 = qcc_rt_isa_supported(QCC_RT_ISA_AVX512_VNNI) != 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(avx512 ? sumAvx512(buffer->data.get(), bytes)
                                    : sumAvx2(buffer->data.get(), bytes));
  state.counters["GB/s"] =
      benchmark::Counter(double(bytes) * double(state.iterations()) / 1e9,
                         benchmark::Counter::kIsRate);
  state.SetLabel(std::string(avx512 ? "zmm" : "ymm") +
                 " loads, 1 thread, buffer " + formatBytes(double(bytes)));
}

void addReadBenchmark(const std::string &where, size_t bytes) {
  const std::string name =
      "peak/read " + formatBytes(double(bytes)) + " (" + where + ")";
  benchmark::RegisterBenchmark(
      name.c_str(),
      [bytes](benchmark::State &state) { readBandwidth(state, bytes); })
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

} // namespace

void registerPeakBenchmarks() {
  if (qcc_rt_isa_supported(QCC_RT_ISA_AVX512_VNNI))
    benchmark::RegisterBenchmark(
        "peak/vpdpbusd zmm (avx512-vnni)",
        [](benchmark::State &state) {
          peakVnni(state, vpdpbusdZmm, 64, kZmmAccumulators);
          state.SetLabel("24 independent accumulators, 1 thread");
        })
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
  if (qcc_rt_isa_supported(QCC_RT_ISA_AVX_VNNI))
    benchmark::RegisterBenchmark(
        "peak/vpdpbusd ymm (avx-vnni)",
        [](benchmark::State &state) {
          peakVnni(state, vpdpbusdYmm, 32, kYmmAccumulators);
          state.SetLabel("12 independent accumulators, 1 thread");
        })
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
  if (!qcc_rt_isa_supported(QCC_RT_ISA_AVX2))
    return;
  const size_t l2 = l2Bytes(), l3 = l3Bytes();
  addReadBenchmark("L2", l2 / 2);
  addReadBenchmark("L3", std::min<size_t>(l3 / 2, size_t(32) << 20));
  addReadBenchmark("> L3",
                   std::max<size_t>(size_t(1) << 30, 2 * l3) / 512 * 512);
}

} // namespace qcc::bench
