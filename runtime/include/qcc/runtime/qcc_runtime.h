/* The C ABI between code compiled by qcc and the qcc runtime.
 *
 * Compiled code (JIT or an AOT object) holds one constant descriptor per
 * operation, and one model descriptor listing them; at run time it calls one
 * entry point per operation with the descriptor and the data pointers.
 * Descriptors are plain C structs with natural alignment, so the LLVM structs
 * that qcc emits have the same layout on x86-64 and aarch64. Changing any
 * struct here changes QCC_RT_ABI_VERSION, which the model descriptor records
 * and qcc_rt_context_create checks.
 *
 * This header is C (and C++) so that an application links an AOT object with
 * nothing but the runtime library.
 */
#ifndef QCC_RUNTIME_H
#define QCC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QCC_RT_ABI_VERSION 1

/* Element types of tensors crossing the ABI. */
typedef enum qcc_rt_dtype {
  QCC_RT_I8 = 0,
  QCC_RT_U8 = 1,
  QCC_RT_I32 = 2,
  QCC_RT_F32 = 3,
} qcc_rt_dtype;

/* Requantization rules; their definitions are in qcc/runtime/Requantize.h. */
typedef enum qcc_rt_rounding {
  QCC_RT_ROUND_DOUBLE = 0, /* gemmlowp/TFLite reference: integer only */
  QCC_RT_ROUND_SINGLE = 1, /* TFLITE_SINGLE_ROUNDING: integer only */
  QCC_RT_ROUND_FLOAT_HALF_EVEN = 2, /* ONNX Runtime / PyTorch: float32 scale */
} qcc_rt_rounding;

typedef enum qcc_rt_op_kind {
  QCC_RT_OP_FULLY_CONNECTED = 1,
  QCC_RT_OP_QUANTIZE = 2,
  QCC_RT_OP_DEQUANTIZE = 3,
  QCC_RT_OP_LINEAR_F32 = 4,
} qcc_rt_op_kind;

/* How an int32 accumulator becomes an output value, per output channel when
 * channels > 1. Integer rules read multiplier/shift (real scale =
 * multiplier * 2^(shift - 31)); the float rule reads scale. */
typedef struct qcc_rt_requant {
  int32_t rounding; /* qcc_rt_rounding */
  int32_t channels; /* 1: per-tensor */
  const int32_t *multiplier;
  const int32_t *shift;
  const float *scale;
  int32_t output_zero_point;
  int32_t clamp_min; /* in the output's storage domain */
  int32_t clamp_max;
  int32_t reserved;
} qcc_rt_requant;

/* out[m][n] = requant(bias[n] + sum_k (in[m][k] - in_zp) * (w[n][k] - w_zp[n]))
 * weight is [n][k] row-major (PyTorch Linear, ONNX Gemm with transB=1). */
typedef struct qcc_rt_fc_desc {
  int32_t kind; /* QCC_RT_OP_FULLY_CONNECTED */
  int32_t input_type;
  int32_t weight_type;
  int32_t output_type;
  int64_t m;
  int64_t k;
  int64_t n;
  const void *weight;
  const int32_t *bias;              /* [n], or NULL */
  const int32_t *weight_zero_point; /* [weight_zero_point_count] */
  int32_t weight_zero_point_count;  /* 1 or n */
  int32_t input_zero_point;
  qcc_rt_requant requant;
} qcc_rt_fc_desc;

/* Elementwise float <-> integer conversion, per tensor or per axis: element i
 * belongs to channel (i / inner) % channels. Quantize rounds half to even and
 * saturates (ONNX QuantizeLinear); dequantize is (q - zp) * scale in float32.
 */
typedef struct qcc_rt_quant_desc {
  int32_t kind; /* QCC_RT_OP_QUANTIZE or QCC_RT_OP_DEQUANTIZE */
  int32_t type; /* integer element type */
  int64_t count;
  int64_t channels;
  int64_t inner;
  const float *scale;        /* [channels] */
  const int32_t *zero_point; /* [channels] */
  int32_t qmin;
  int32_t qmax;
} qcc_rt_quant_desc;

/* Float fallback for a linear layer qcc could not fuse; reported as not
 * integer-only by the compiler. out = in * w^T + bias, all float32. */
typedef struct qcc_rt_linear_f32_desc {
  int32_t kind; /* QCC_RT_OP_LINEAR_F32 */
  int32_t reserved;
  int64_t m;
  int64_t k;
  int64_t n;
  const float *weight;
  const float *bias; /* [n], or NULL */
} qcc_rt_linear_f32_desc;

/* What compiled code tells the runtime about itself. */
typedef struct qcc_rt_model_info {
  int32_t abi_version; /* QCC_RT_ABI_VERSION of the compiler */
  int32_t num_ops;
  const void *const
      *ops;           /* each points at a descriptor; kind is its first field */
  int64_t arena_size; /* bytes of activation memory one run needs */
} qcc_rt_model_info;

typedef struct qcc_rt_context qcc_rt_context;

/* Creates the state one thread of execution needs to run a model: its arena.
 * Returns NULL when the model is not usable by this runtime; then
 * qcc_rt_last_error() says why. */
qcc_rt_context *qcc_rt_context_create(const qcc_rt_model_info *model);
void qcc_rt_context_destroy(qcc_rt_context *ctx);
const char *qcc_rt_last_error(void);

/* Entry points called by compiled code. */
void *qcc_rt_arena(qcc_rt_context *ctx);
void qcc_rt_fully_connected(qcc_rt_context *ctx, const qcc_rt_fc_desc *desc,
                            const void *input, void *output);
void qcc_rt_quantize(qcc_rt_context *ctx, const qcc_rt_quant_desc *desc,
                     const float *input, void *output);
void qcc_rt_dequantize(qcc_rt_context *ctx, const qcc_rt_quant_desc *desc,
                       const void *input, float *output);
void qcc_rt_linear_f32(qcc_rt_context *ctx, const qcc_rt_linear_f32_desc *desc,
                       const float *input, float *output);
void qcc_rt_relu_f32(qcc_rt_context *ctx, int64_t count, const float *input,
                     float *output);
void qcc_rt_copy(qcc_rt_context *ctx, int64_t bytes, const void *input,
                 void *output);

/* Every entry point above by name, for a JIT to resolve compiled code's calls
 * against this process's runtime. Ends with {NULL, NULL}. */
typedef struct qcc_rt_symbol {
  const char *name;
  void *address;
} qcc_rt_symbol;
const qcc_rt_symbol *qcc_rt_symbols(void);

#ifdef __cplusplus
}
#endif

#endif /* QCC_RUNTIME_H */
