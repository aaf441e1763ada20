// The runtime context and the C entry points compiled code calls.
#include "ThreadPool.h"
#include "cpu/CpuFeatures.h"
#include "gemm/Gemm.h"
#include "ops/Prepared.h"
#include "qcc/runtime/ReferenceKernels.h"
#include "qcc/runtime/qcc_runtime.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <unordered_map>
#include <vector>

#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

// The compiler emits these structs as LLVM globals (passes/RuntimeAbi.cpp),
// field by field with natural alignment; on the LP64 targets qcc supports
// that gives these offsets. A change here is a change of QCC_RT_ABI_VERSION.
static_assert(sizeof(void *) == 8, "qcc's ABI is LP64");
static_assert(offsetof(qcc_rt_requant, multiplier) == 8);
static_assert(offsetof(qcc_rt_requant, output_zero_point) == 32);
static_assert(sizeof(qcc_rt_requant) == 48);
static_assert(offsetof(qcc_rt_fc_desc, m) == 16);
static_assert(offsetof(qcc_rt_fc_desc, weight) == 40);
static_assert(offsetof(qcc_rt_fc_desc, weight_zero_point_count) == 64);
static_assert(offsetof(qcc_rt_fc_desc, requant) == 72);
static_assert(sizeof(qcc_rt_fc_desc) == 120);
static_assert(offsetof(qcc_rt_quant_desc, scale) == 32);
static_assert(offsetof(qcc_rt_quant_desc, qmin) == 48);
static_assert(sizeof(qcc_rt_quant_desc) == 56);
static_assert(offsetof(qcc_rt_linear_f32_desc, weight) == 32);
static_assert(sizeof(qcc_rt_linear_f32_desc) == 48);
static_assert(offsetof(qcc_rt_model_info, ops) == 8);
static_assert(sizeof(qcc_rt_model_info) == 24);
static_assert(sizeof(qcc_rt_window) == 88);
static_assert(offsetof(qcc_rt_conv2d_desc, window) == 16);
static_assert(offsetof(qcc_rt_conv2d_desc, weight) == 120);
static_assert(offsetof(qcc_rt_conv2d_desc, requant) == 152);
static_assert(sizeof(qcc_rt_conv2d_desc) == 200);
static_assert(offsetof(qcc_rt_add_desc, a_rescale) == 32);
static_assert(sizeof(qcc_rt_add_desc) == 176);
static_assert(offsetof(qcc_rt_requantize_desc, requant) == 24);
static_assert(sizeof(qcc_rt_requantize_desc) == 72);
static_assert(offsetof(qcc_rt_pool2d_desc, count_include_pad) == 96);
static_assert(sizeof(qcc_rt_pool2d_desc) == 152);
static_assert(sizeof(qcc_rt_concat_desc) == 48);
static_assert(offsetof(qcc_rt_transpose_desc, perm) == 64);
static_assert(sizeof(qcc_rt_transpose_desc) == 112);
static_assert(sizeof(qcc_rt_dynamic_range) == 24);
static_assert(offsetof(qcc_rt_dynamic_fc_desc, range) == 80);
static_assert(sizeof(qcc_rt_dynamic_fc_desc) == 104);
static_assert(sizeof(qcc_rt_dynamic_quantize_desc) == 40);
static_assert(sizeof(qcc_rt_binary_f32_desc) == 160);
static_assert(sizeof(qcc_rt_clip_f32_desc) == 24);

struct qcc_rt_context {
  const qcc_rt_model_info *model = nullptr;
  void *arena = nullptr;
  int32_t isa = QCC_RT_ISA_REFERENCE;
  std::unique_ptr<qcc::rt::ThreadPool> pool;
  /// The prepared form of each operation that has one, by its index in
  /// model->ops, and the index of each descriptor.
  std::vector<std::unique_ptr<qcc::rt::PreparedOp>> prepared;
  std::unordered_map<const void *, int32_t> indexOf;
  /// The index after the last operation run: compiled code calls the
  /// operations in order, so the next call's descriptor is usually there,
  /// and the hash lookup (a few cache misses once an inference's tensors
  /// have gone through the caches: 0.6 % of MobileNetV2) is skipped.
  mutable std::atomic<int32_t> nextIndex{0};
  std::vector<qcc::rt::AlignedArray<uint8_t>> scratch;
  std::vector<uint8_t *> scratchPointers;
  /// QCC_PROFILE: time per operation, printed when the context goes.
  struct Stat {
    int32_t index = 0;
    int64_t calls = 0;
    uint64_t nanoseconds = 0;
  };
  bool profiling = false;
  std::unordered_map<const void *, Stat> stats;

  /// Runs `desc` prepared, or returns false for the reference kernel.
  bool run(const void *desc, std::initializer_list<const void *> inputs,
           void *output) const {
    return run(desc, inputs.begin(), output);
  }
  bool run(const void *desc, const void *const *inputs, void *output) const {
    int32_t i = nextIndex.load(std::memory_order_relaxed);
    if (i >= model->num_ops || model->ops[i] != desc) {
      auto it = indexOf.find(desc);
      if (it == indexOf.end())
        return false;
      i = it->second;
    }
    nextIndex.store(i + 1, std::memory_order_relaxed);
    const qcc::rt::PreparedOp *op = prepared[size_t(i)].get();
    if (!op)
      return false;
    op->run({pool.get(), scratchPointers.data()}, inputs, output);
    return true;
  }
};

namespace {

thread_local char lastError[256];

uint64_t nowNanoseconds() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count());
}

/// Times one entry point call when the context profiles.
class Profile {
public:
  Profile(qcc_rt_context *ctx, const void *desc)
      : ctx(ctx->profiling ? ctx : nullptr), desc(desc),
        start(this->ctx ? nowNanoseconds() : 0) {}
  ~Profile() {
    if (!ctx)
      return;
    auto it = ctx->stats.find(desc);
    if (it == ctx->stats.end())
      return;
    ++it->second.calls;
    it->second.nanoseconds += nowNanoseconds() - start;
  }

private:
  qcc_rt_context *ctx;
  const void *desc;
  uint64_t start;
};

const char *kindName(int32_t kind) {
  static const char *const names[] = {"?",
                                      "fully_connected",
                                      "quantize",
                                      "dequantize",
                                      "linear_f32",
                                      "conv2d",
                                      "conv2d_f32",
                                      "add",
                                      "requantize",
                                      "max_pool2d",
                                      "avg_pool2d",
                                      "max_pool2d_f32",
                                      "avg_pool2d_f32",
                                      "concat",
                                      "transpose",
                                      "dynamic_fc",
                                      "dynamic_quantize",
                                      "binary_f32",
                                      "clip_f32"};
  return kind > 0 && kind < int32_t(sizeof(names) / sizeof(names[0]))
             ? names[kind]
             : "?";
}

void printProfile(const qcc_rt_context &ctx) {
  std::vector<std::pair<const void *, qcc_rt_context::Stat>> rows(
      ctx.stats.begin(), ctx.stats.end());
  std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
    return a.second.index < b.second.index;
  });
  uint64_t total = 0;
  for (const auto &r : rows)
    total += r.second.nanoseconds;
  std::fprintf(stderr, "qcc runtime profile (%s, %d thread(s)):\n",
               qcc_rt_isa_name(ctx.isa), ctx.pool->size());
  std::fprintf(stderr, "  %4s  %-16s %7s %12s %12s %6s\n", "op", "kind",
               "calls", "total ms", "mean us", "%");
  for (const auto &[desc, st] : rows) {
    if (!st.calls)
      continue;
    int32_t kind;
    std::memcpy(&kind, desc, sizeof(kind));
    std::fprintf(stderr, "  %4d  %-16s %7lld %12.3f %12.1f %6.1f\n", st.index,
                 kindName(kind), (long long)st.calls, st.nanoseconds / 1e6,
                 st.nanoseconds / 1e3 / double(st.calls),
                 total ? 100.0 * double(st.nanoseconds) / double(total) : 0.0);
  }
  std::fprintf(stderr, "  total %.3f ms\n", total / 1e6);
}

__attribute__((format(printf, 1, 2))) void setError(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(lastError, sizeof(lastError), fmt, args);
  va_end(args);
}

constexpr size_t kArenaAlignment = 64;

constexpr const char *kIsaNames[QCC_RT_ISA_COUNT] = {
    "auto", "reference", "avx2",    "avx-vnni", "avx512-vnni",
    "amx",  "neon",      "dotprod", "i8mm"};

/// The path to run: the option, else QCC_ISA, else the best one.
bool chooseIsa(int32_t requested, int32_t &isa) {
  if (requested < 0 || requested >= QCC_RT_ISA_COUNT) {
    setError("unknown instruction-set path %d", requested);
    return false;
  }
  if (requested == QCC_RT_ISA_AUTO) {
    if (const char *env = std::getenv("QCC_ISA"); env && *env) {
      requested = qcc_rt_isa_from_name(env);
      if (requested < 0) {
        setError("QCC_ISA=%s: not a path (reference, avx2, avx-vnni, "
                 "avx512-vnni, amx, neon, dotprod, i8mm)",
                 env);
        return false;
      }
    }
  }
  if (requested == QCC_RT_ISA_AUTO) {
    isa = qcc_rt_best_isa();
    return true;
  }
  if (!qcc_rt_isa_supported(requested)) {
    setError("the %s path is not supported by this CPU", kIsaNames[requested]);
    return false;
  }
  isa = requested;
  return true;
}

/// The thread count: the option, else QCC_THREADS, else 1.
bool chooseThreads(int32_t requested, int32_t &threads) {
  if (requested < 0 || requested > 1024) {
    setError("thread count %d out of range", requested);
    return false;
  }
  if (requested == 0) {
    requested = 1;
    if (const char *env = std::getenv("QCC_THREADS"); env && *env) {
      char *end = nullptr;
      long v = std::strtol(env, &end, 10);
      if (*end || v < 1 || v > 1024) {
        setError("QCC_THREADS=%s: not a thread count", env);
        return false;
      }
      requested = int32_t(v);
    }
  }
  threads = requested;
  return true;
}

} // namespace

extern "C" {

const char *qcc_rt_last_error(void) { return lastError; }

const char *qcc_rt_isa_name(int32_t isa) {
  return isa > 0 && isa < QCC_RT_ISA_COUNT ? kIsaNames[isa] : nullptr;
}

int32_t qcc_rt_isa_from_name(const char *name) {
  if (!name)
    return -1;
  for (int32_t i = 0; i < QCC_RT_ISA_COUNT; ++i)
    if (std::strcmp(name, kIsaNames[i]) == 0)
      return i;
  return -1;
}

int qcc_rt_isa_supported(int32_t isa) {
  const qcc::rt::CpuFeatures &f = qcc::rt::cpuFeatures();
  switch (isa) {
  case QCC_RT_ISA_REFERENCE:
    return 1;
  case QCC_RT_ISA_AVX2:
    return f.avx2;
  case QCC_RT_ISA_AVX_VNNI:
    return f.avxVnni;
  case QCC_RT_ISA_AVX512_VNNI:
    return f.avx512Vnni;
  case QCC_RT_ISA_AMX:
    return f.amx;
  case QCC_RT_ISA_NEON:
    return f.neon;
  case QCC_RT_ISA_DOTPROD:
    return f.dotprod;
  case QCC_RT_ISA_I8MM:
    return f.i8mm;
  default:
    return 0;
  }
}

int32_t qcc_rt_best_isa(void) {
  for (int32_t isa :
       {QCC_RT_ISA_AMX, QCC_RT_ISA_AVX512_VNNI, QCC_RT_ISA_AVX_VNNI,
        QCC_RT_ISA_AVX2, QCC_RT_ISA_I8MM, QCC_RT_ISA_DOTPROD, QCC_RT_ISA_NEON})
    if (qcc_rt_isa_supported(isa))
      return isa;
  return QCC_RT_ISA_REFERENCE;
}

int32_t qcc_rt_context_isa(const qcc_rt_context *ctx) { return ctx->isa; }

int32_t qcc_rt_context_threads(const qcc_rt_context *ctx) {
  return ctx->pool->size();
}

qcc_rt_context *qcc_rt_context_create(const qcc_rt_model_info *model) {
  return qcc_rt_context_create_with(model, nullptr);
}

qcc_rt_context *qcc_rt_context_create_with(const qcc_rt_model_info *model,
                                           const qcc_rt_options *options) {
  lastError[0] = '\0';
  if (!model) {
    setError("%s", "no model");
    return nullptr;
  }
  if (model->abi_version != QCC_RT_ABI_VERSION) {
    setError("model compiled for runtime ABI %d, this runtime has ABI %d",
             model->abi_version, QCC_RT_ABI_VERSION);
    return nullptr;
  }
  for (int32_t i = 0; i < model->num_ops; ++i) {
    if (const char *why = qcc::rt::validateDescriptor(model->ops[i])) {
      setError("operation descriptor %d: %s", i, why);
      return nullptr;
    }
  }
  const qcc_rt_options defaults{QCC_RT_ISA_AUTO, 0};
  const qcc_rt_options &opts = options ? *options : defaults;
  int32_t isa, threads;
  if (!chooseIsa(opts.isa, isa) || !chooseThreads(opts.threads, threads))
    return nullptr;
  auto *ctx = new (std::nothrow) qcc_rt_context;
  if (!ctx) {
    setError("%s", "out of memory");
    return nullptr;
  }
  ctx->model = model;
  ctx->isa = isa;
  ctx->pool = std::make_unique<qcc::rt::ThreadPool>(threads);
  if (const char *env = std::getenv("QCC_PROFILE");
      env && *env && *env != '0') {
    ctx->profiling = true;
    for (int32_t i = 0; i < model->num_ops; ++i)
      ctx->stats[model->ops[i]].index = i;
  }
  size_t scratchBytes = 0;
  for (int32_t i = 0; i < model->num_ops; ++i) {
    bool ok = true;
    auto op = qcc::rt::prepareOp(isa, model->ops[i], ok);
    if (!ok) {
      setError("operation descriptor %d: out of memory for its packed "
               "weights",
               i);
      delete ctx;
      return nullptr;
    }
    if (op)
      scratchBytes = std::max(scratchBytes, op->scratchBytes());
    ctx->prepared.push_back(std::move(op));
    ctx->indexOf.emplace(model->ops[i], i);
  }
  if (scratchBytes) {
    for (int t = 0; t < threads; ++t) {
      ctx->scratch.push_back(qcc::rt::alignedArray<uint8_t>(scratchBytes));
      if (!ctx->scratch.back()) {
        setError("%s", "out of memory for the kernels' scratch buffers");
        delete ctx;
        return nullptr;
      }
      ctx->scratchPointers.push_back(ctx->scratch.back().get());
    }
  }
  const size_t bytes = (size_t(model->arena_size) + kArenaAlignment - 1) /
                       kArenaAlignment * kArenaAlignment;
  if (bytes) {
    ctx->arena = std::aligned_alloc(kArenaAlignment, bytes);
    if (!ctx->arena) {
      setError("%s", "out of memory for the activation arena");
      delete ctx;
      return nullptr;
    }
  }
  return ctx;
}

void qcc_rt_context_destroy(qcc_rt_context *ctx) {
  if (!ctx)
    return;
  if (ctx->profiling)
    printProfile(*ctx);
  std::free(ctx->arena);
  delete ctx;
}

void *qcc_rt_arena(qcc_rt_context *ctx) { return ctx->arena; }

void qcc_rt_fully_connected(qcc_rt_context *ctx, const qcc_rt_fc_desc *desc,
                            const void *input, void *output) {
  Profile profile(ctx, desc);
  if (!ctx->run(desc, {input}, output))
    qcc::rt::fullyConnectedReference(*desc, input, output);
}

void qcc_rt_quantize(qcc_rt_context *ctx, const qcc_rt_quant_desc *desc,
                     const float *input, void *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {input}, output))
    return;
  qcc::rt::quantizeReference(*desc, input, output);
}

void qcc_rt_dequantize(qcc_rt_context *ctx, const qcc_rt_quant_desc *desc,
                       const void *input, float *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {input}, output))
    return;
  qcc::rt::dequantizeReference(*desc, input, output);
}

void qcc_rt_linear_f32(qcc_rt_context *ctx, const qcc_rt_linear_f32_desc *desc,
                       const float *input, float *output) {
  Profile profile(ctx, desc);
  qcc::rt::linearF32Reference(*desc, input, output);
}

void qcc_rt_conv2d(qcc_rt_context *ctx, const qcc_rt_conv2d_desc *desc,
                   const void *input, void *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {input}, output))
    return;
  if (desc->kind == QCC_RT_OP_CONV2D_F32)
    qcc::rt::conv2dF32Reference(*desc, static_cast<const float *>(input),
                                static_cast<float *>(output));
  else
    qcc::rt::conv2dReference(*desc, input, output);
}

void qcc_rt_add(qcc_rt_context *ctx, const qcc_rt_add_desc *desc, const void *a,
                const void *b, void *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {a, b}, output))
    return;
  qcc::rt::addReference(*desc, a, b, output);
}

void qcc_rt_requantize(qcc_rt_context *ctx, const qcc_rt_requantize_desc *desc,
                       const void *input, void *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {input}, output))
    return;
  qcc::rt::requantizeReference(*desc, input, output);
}

void qcc_rt_pool2d(qcc_rt_context *ctx, const qcc_rt_pool2d_desc *desc,
                   const void *input, void *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {input}, output))
    return;
  if (desc->kind == QCC_RT_OP_MAX_POOL2D_F32 ||
      desc->kind == QCC_RT_OP_AVG_POOL2D_F32)
    qcc::rt::pool2dF32Reference(*desc, static_cast<const float *>(input),
                                static_cast<float *>(output));
  else
    qcc::rt::pool2dReference(*desc, input, output);
}

void qcc_rt_concat(qcc_rt_context *ctx, const qcc_rt_concat_desc *desc,
                   const void *const *inputs, void *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, inputs, output))
    return;
  qcc::rt::concatReference(*desc, inputs, output);
}

void qcc_rt_transpose(qcc_rt_context *ctx, const qcc_rt_transpose_desc *desc,
                      const void *input, void *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {input}, output))
    return;
  qcc::rt::transposeReference(*desc, input, output);
}

void qcc_rt_dynamic_fully_connected(qcc_rt_context *ctx,
                                    const qcc_rt_dynamic_fc_desc *desc,
                                    const float *input, float *output) {
  Profile profile(ctx, desc);
  if (ctx->run(desc, {input}, output))
    return;
  qcc::rt::dynamicFullyConnectedReference(*desc, input, output);
}

void qcc_rt_dynamic_quantize(qcc_rt_context *ctx,
                             const qcc_rt_dynamic_quantize_desc *desc,
                             const float *input, float *output) {
  Profile profile(ctx, desc);
  qcc::rt::dynamicQuantizeReference(*desc, input, output);
}

void qcc_rt_dynamic_quantize_linear(qcc_rt_context *ctx,
                                    const qcc_rt_dynamic_quantize_desc *desc,
                                    const float *input, void *output,
                                    float *scale, void *zero_point) {
  Profile profile(ctx, desc);
  qcc::rt::dynamicQuantizeLinearReference(*desc, input, output, scale,
                                          zero_point);
}

void qcc_rt_binary_f32(qcc_rt_context *ctx, const qcc_rt_binary_f32_desc *desc,
                       const float *a, const float *b, float *output) {
  Profile profile(ctx, desc);
  qcc::rt::binaryF32Reference(*desc, a, b, output);
}

void qcc_rt_clip_f32(qcc_rt_context *ctx, const qcc_rt_clip_f32_desc *desc,
                     const float *input, float *output) {
  Profile profile(ctx, desc);
  qcc::rt::clipF32Reference(*desc, input, output);
}

void qcc_rt_copy(qcc_rt_context *, int64_t bytes, const void *input,
                 void *output) {
  std::memmove(output, input, size_t(bytes));
}

const qcc_rt_symbol *qcc_rt_symbols(void) {
  // clang-format off
#define QCC_RT_SYMBOL(fn) {#fn, reinterpret_cast<void *>(&fn)}
  static const qcc_rt_symbol symbols[] = {
      QCC_RT_SYMBOL(qcc_rt_arena),
      QCC_RT_SYMBOL(qcc_rt_fully_connected),
      QCC_RT_SYMBOL(qcc_rt_quantize),
      QCC_RT_SYMBOL(qcc_rt_dequantize),
      QCC_RT_SYMBOL(qcc_rt_linear_f32),
      QCC_RT_SYMBOL(qcc_rt_conv2d),
      QCC_RT_SYMBOL(qcc_rt_add),
      QCC_RT_SYMBOL(qcc_rt_requantize),
      QCC_RT_SYMBOL(qcc_rt_pool2d),
      QCC_RT_SYMBOL(qcc_rt_concat),
      QCC_RT_SYMBOL(qcc_rt_transpose),
      QCC_RT_SYMBOL(qcc_rt_dynamic_fully_connected),
      QCC_RT_SYMBOL(qcc_rt_dynamic_quantize),
      QCC_RT_SYMBOL(qcc_rt_dynamic_quantize_linear),
      QCC_RT_SYMBOL(qcc_rt_binary_f32),
      QCC_RT_SYMBOL(qcc_rt_clip_f32),
      QCC_RT_SYMBOL(qcc_rt_copy),
      {nullptr, nullptr},
  };
#undef QCC_RT_SYMBOL
  // clang-format on
  return symbols;
}

} // extern "C"
