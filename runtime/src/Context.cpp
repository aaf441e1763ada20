// The runtime context and the C entry points compiled code calls.
#include "qcc/runtime/ReferenceKernels.h"
#include "qcc/runtime/qcc_runtime.h"

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
};

namespace {

thread_local char lastError[256];

__attribute__((format(printf, 1, 2))) void setError(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(lastError, sizeof(lastError), fmt, args);
  va_end(args);
}

constexpr size_t kArenaAlignment = 64;

} // namespace

extern "C" {

const char *qcc_rt_last_error(void) { return lastError; }

qcc_rt_context *qcc_rt_context_create(const qcc_rt_model_info *model) {
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
  auto *ctx = new (std::nothrow) qcc_rt_context;
  if (!ctx) {
    setError("%s", "out of memory");
    return nullptr;
  }
  ctx->model = model;
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
  std::free(ctx->arena);
  delete ctx;
}

void *qcc_rt_arena(qcc_rt_context *ctx) { return ctx->arena; }

void qcc_rt_fully_connected(qcc_rt_context *, const qcc_rt_fc_desc *desc,
                            const void *input, void *output) {
  qcc::rt::fullyConnectedReference(*desc, input, output);
}

void qcc_rt_quantize(qcc_rt_context *, const qcc_rt_quant_desc *desc,
                     const float *input, void *output) {
  qcc::rt::quantizeReference(*desc, input, output);
}

void qcc_rt_dequantize(qcc_rt_context *, const qcc_rt_quant_desc *desc,
                       const void *input, float *output) {
  qcc::rt::dequantizeReference(*desc, input, output);
}

void qcc_rt_linear_f32(qcc_rt_context *, const qcc_rt_linear_f32_desc *desc,
                       const float *input, float *output) {
  qcc::rt::linearF32Reference(*desc, input, output);
}

void qcc_rt_conv2d(qcc_rt_context *, const qcc_rt_conv2d_desc *desc,
                   const void *input, void *output) {
  if (desc->kind == QCC_RT_OP_CONV2D_F32)
    qcc::rt::conv2dF32Reference(*desc, static_cast<const float *>(input),
                                static_cast<float *>(output));
  else
    qcc::rt::conv2dReference(*desc, input, output);
}

void qcc_rt_add(qcc_rt_context *, const qcc_rt_add_desc *desc, const void *a,
                const void *b, void *output) {
  qcc::rt::addReference(*desc, a, b, output);
}

void qcc_rt_requantize(qcc_rt_context *, const qcc_rt_requantize_desc *desc,
                       const void *input, void *output) {
  qcc::rt::requantizeReference(*desc, input, output);
}

void qcc_rt_pool2d(qcc_rt_context *, const qcc_rt_pool2d_desc *desc,
                   const void *input, void *output) {
  if (desc->kind == QCC_RT_OP_MAX_POOL2D_F32 ||
      desc->kind == QCC_RT_OP_AVG_POOL2D_F32)
    qcc::rt::pool2dF32Reference(*desc, static_cast<const float *>(input),
                                static_cast<float *>(output));
  else
    qcc::rt::pool2dReference(*desc, input, output);
}

void qcc_rt_concat(qcc_rt_context *, const qcc_rt_concat_desc *desc,
                   const void *const *inputs, void *output) {
  qcc::rt::concatReference(*desc, inputs, output);
}

void qcc_rt_transpose(qcc_rt_context *, const qcc_rt_transpose_desc *desc,
                      const void *input, void *output) {
  qcc::rt::transposeReference(*desc, input, output);
}

void qcc_rt_dynamic_fully_connected(qcc_rt_context *,
                                    const qcc_rt_dynamic_fc_desc *desc,
                                    const float *input, float *output) {
  qcc::rt::dynamicFullyConnectedReference(*desc, input, output);
}

void qcc_rt_dynamic_quantize(qcc_rt_context *,
                             const qcc_rt_dynamic_quantize_desc *desc,
                             const float *input, float *output) {
  qcc::rt::dynamicQuantizeReference(*desc, input, output);
}

void qcc_rt_dynamic_quantize_linear(qcc_rt_context *,
                                    const qcc_rt_dynamic_quantize_desc *desc,
                                    const float *input, void *output,
                                    float *scale, void *zero_point) {
  qcc::rt::dynamicQuantizeLinearReference(*desc, input, output, scale,
                                          zero_point);
}

void qcc_rt_binary_f32(qcc_rt_context *, const qcc_rt_binary_f32_desc *desc,
                       const float *a, const float *b, float *output) {
  qcc::rt::binaryF32Reference(*desc, a, b, output);
}

void qcc_rt_clip_f32(qcc_rt_context *, const qcc_rt_clip_f32_desc *desc,
                     const float *input, float *output) {
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
