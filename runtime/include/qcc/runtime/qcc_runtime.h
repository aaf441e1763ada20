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

#define QCC_RT_ABI_VERSION 3

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
  QCC_RT_NO_REQUANT = 3,            /* the int32 accumulator is the output */
} qcc_rt_rounding;

typedef enum qcc_rt_op_kind {
  QCC_RT_OP_FULLY_CONNECTED = 1,
  QCC_RT_OP_QUANTIZE = 2,
  QCC_RT_OP_DEQUANTIZE = 3,
  QCC_RT_OP_LINEAR_F32 = 4,
  QCC_RT_OP_CONV2D = 5,
  QCC_RT_OP_CONV2D_F32 = 6,
  QCC_RT_OP_ADD = 7,
  QCC_RT_OP_REQUANTIZE = 8,
  QCC_RT_OP_MAX_POOL2D = 9,
  QCC_RT_OP_AVG_POOL2D = 10,
  QCC_RT_OP_MAX_POOL2D_F32 = 11,
  QCC_RT_OP_AVG_POOL2D_F32 = 12,
  QCC_RT_OP_CONCAT = 13,
  QCC_RT_OP_TRANSPOSE = 14,
  QCC_RT_OP_DYNAMIC_FULLY_CONNECTED = 15,
  QCC_RT_OP_DYNAMIC_QUANTIZE = 16,
  QCC_RT_OP_BINARY_F32 = 17,
  QCC_RT_OP_CLIP_F32 = 18,
} qcc_rt_op_kind;

#define QCC_RT_MAX_RANK 6

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

/* The geometry of a 2-D window (convolution, pooling) over an image of
 * batch x in_h x in_w x channels. The output is batch x out_h x out_w; input
 * row oy * stride_h + ky * dilation_h - pad_top is read for output row oy and
 * window row ky, and outside the image the window reads padding. The
 * explicit padding ends pad_bottom rows below and pad_right columns right of
 * the image; a window that reaches further (pooling's ceil_mode) sees
 * nothing there, which matters to an average that counts padding. */
typedef struct qcc_rt_window {
  int64_t batch;
  int64_t in_h;
  int64_t in_w;
  int64_t channels;
  int64_t out_h;
  int64_t out_w;
  int32_t kernel_h;
  int32_t kernel_w;
  int32_t stride_h;
  int32_t stride_w;
  int32_t dilation_h;
  int32_t dilation_w;
  int32_t pad_top;
  int32_t pad_left;
  int32_t pad_bottom;
  int32_t pad_right;
} qcc_rt_window;

/* Convolution. Kind CONV2D: integers, input NHWC, weight
 * [out_channels][kernel_h][kernel_w][channels / groups], int32 bias; padding
 * reads the input zero point; each output channel requantized as for a fully
 * connected layer. Kind CONV2D_F32: float32, input NCHW, weight OIHW, float
 * bias, zero padding (not integer-only). */
typedef struct qcc_rt_conv2d_desc {
  int32_t kind;
  int32_t input_type;
  int32_t weight_type;
  int32_t output_type;
  qcc_rt_window window;
  int64_t out_channels;
  int64_t groups;
  const void *weight;
  const void *bias; /* [out_channels] int32 (or float32), or NULL */
  const int32_t *weight_zero_point;
  int32_t weight_zero_point_count;
  int32_t input_zero_point;
  qcc_rt_requant requant;
} qcc_rt_conv2d_desc;

/* Quantized add of two tensors of one shape and type. Integer rules
 * (TFLite's): each input minus its zero point, shifted left by left_shift,
 * rescaled by its own multiplier; the sum requantized by `output`. Float rule
 * (ONNX Runtime's x86 kernel): round_half_even(zp_out - (rA * zpA + rB * zpB)
 * + a * rA + b * rB) with rA = a_rescale.scale[0], rB = b_rescale.scale[0]. */
typedef struct qcc_rt_add_desc {
  int32_t kind; /* QCC_RT_OP_ADD */
  int32_t type;
  int64_t count;
  int32_t a_zero_point;
  int32_t b_zero_point;
  int32_t left_shift;
  int32_t reserved;
  qcc_rt_requant a_rescale;
  qcc_rt_requant b_rescale;
  qcc_rt_requant output;
} qcc_rt_add_desc;

/* out[i] = requant(in[i] - input_zero_point), per tensor. */
typedef struct qcc_rt_requantize_desc {
  int32_t kind; /* QCC_RT_OP_REQUANTIZE */
  int32_t input_type;
  int32_t output_type;
  int32_t input_zero_point;
  int64_t count;
  qcc_rt_requant requant;
} qcc_rt_requantize_desc;

/* Pooling. Integer kinds are NHWC; max pooling ignores padding and keeps the
 * quantization; average pooling sums (x - input_zero_point) over the window
 * and requantizes by the divisor: requant channel d - 1 for a divisor d when
 * the requant has more than one channel, else channel 0. The divisor is the
 * window size, or with count_include_pad = 0 the number of elements inside
 * the image. Float kinds are NCHW. */
typedef struct qcc_rt_pool2d_desc {
  int32_t kind;
  int32_t type;
  qcc_rt_window window;
  int32_t count_include_pad;
  int32_t input_zero_point;
  qcc_rt_requant requant;
} qcc_rt_pool2d_desc;

/* Concatenation along one axis: the output is `outer` rows, each the
 * concatenation of one row of every input; input i's row holds
 * inner_elements[i] elements. With requants, input i is requantized as a
 * qcc_rt_requantize_desc with zero point input_zero_points[i]; without, the
 * rows are copied (any type). */
typedef struct qcc_rt_concat_desc {
  int32_t kind; /* QCC_RT_OP_CONCAT */
  int32_t num_inputs;
  int32_t input_type;
  int32_t output_type;
  int64_t outer;
  const int64_t *inner_elements;
  const int32_t *input_zero_points; /* NULL when copying */
  const qcc_rt_requant *requants;   /* NULL when copying */
} qcc_rt_concat_desc;

/* out = transpose(in, perm): output dimension d is input dimension perm[d];
 * any element type of element_bytes bytes. */
typedef struct qcc_rt_transpose_desc {
  int32_t kind; /* QCC_RT_OP_TRANSPOSE */
  int32_t rank;
  int64_t element_bytes;
  int64_t in_shape[QCC_RT_MAX_RANK];
  int64_t perm[QCC_RT_MAX_RANK];
} qcc_rt_transpose_desc;

/* How an activation's quantization is measured at run time: min and max of
 * the tensor, widened to include 0; scale = (max - min) / (qmax - qmin), or
 * fallback_scale when that is 0; zero point = round_half_even(clamp(qmin -
 * min / scale, qmin, qmax)); values quantized to [storage_min, storage_max]. */
typedef struct qcc_rt_dynamic_range {
  int32_t qmin;
  int32_t qmax;
  int32_t storage_min;
  int32_t storage_max;
  float fallback_scale;
  int32_t reserved;
} qcc_rt_dynamic_range;

/* A fully connected layer on float activations quantized at run time:
 * out[m][n] = float(acc) * (x_scale * weight_scale[n]) + bias[n], acc the
 * int32 sum of (xq - x_zero_point) * (w - w_zero_point); activation 1 applies
 * a ReLU. The input is quantized while it is packed, not in a pass of its
 * own. */
typedef struct qcc_rt_dynamic_fc_desc {
  int32_t kind; /* QCC_RT_OP_DYNAMIC_FULLY_CONNECTED */
  int32_t weight_type;
  int64_t m;
  int64_t k;
  int64_t n;
  const void *weight; /* [n][k] */
  const int32_t *weight_zero_point;
  const float *weight_scale;
  const float *bias; /* [n], or NULL */
  int32_t weight_zero_point_count;
  int32_t weight_scale_count;
  int32_t activation;
  int32_t reserved;
  qcc_rt_dynamic_range range;
} qcc_rt_dynamic_fc_desc;

/* Run-time quantization of a float tensor: qcc_rt_dynamic_quantize writes
 * the dequantized values (what a graph computes between its quantize and
 * dequantize); qcc_rt_dynamic_quantize_linear writes the quantized values,
 * the scale and the zero point (ONNX DynamicQuantizeLinear). */
typedef struct qcc_rt_dynamic_quantize_desc {
  int32_t kind; /* QCC_RT_OP_DYNAMIC_QUANTIZE */
  int32_t output_type;
  int64_t count;
  qcc_rt_dynamic_range range;
} qcc_rt_dynamic_quantize_desc;

/* Float elementwise add or multiply with NumPy broadcasting: the output has
 * out_shape; a stride of 0 repeats an input along that dimension. */
typedef struct qcc_rt_binary_f32_desc {
  int32_t kind; /* QCC_RT_OP_BINARY_F32 */
  int32_t op;   /* 0 add, 1 multiply */
  int32_t rank;
  int32_t reserved;
  int64_t out_shape[QCC_RT_MAX_RANK];
  int64_t a_strides[QCC_RT_MAX_RANK];
  int64_t b_strides[QCC_RT_MAX_RANK];
} qcc_rt_binary_f32_desc;

/* out = min(max(in, min), max) in float32; ReLU is [0, +inf]. */
typedef struct qcc_rt_clip_f32_desc {
  int32_t kind; /* QCC_RT_OP_CLIP_F32 */
  int32_t reserved;
  int64_t count;
  float min;
  float max;
} qcc_rt_clip_f32_desc;

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

/* The instruction-set paths of the kernels. AUTO picks the best one the CPU
 * has; REFERENCE is the portable scalar code every other path is tested
 * bit-exact against. */
enum {
  QCC_RT_ISA_AUTO = 0,
  QCC_RT_ISA_REFERENCE = 1,
  QCC_RT_ISA_AVX2 = 2,        /* x86-64: AVX2 (exact vpmaddwd products) */
  QCC_RT_ISA_AVX_VNNI = 3,    /* x86-64: AVX-VNNI, vpdpbusd on ymm */
  QCC_RT_ISA_AVX512_VNNI = 4, /* x86-64: AVX-512 VNNI, vpdpbusd on zmm */
  QCC_RT_ISA_AMX = 5,         /* x86-64: AMX int8 tiles (tdpbusd) for GEMMs and
                                 convolutions, AVX-512 VNNI for the rest */
  QCC_RT_ISA_NEON = 6,    /* AArch64: Armv8.0 Advanced SIMD (umull, uadalp) */
  QCC_RT_ISA_DOTPROD = 7, /* AArch64: udot (FEAT_DotProd) */
  QCC_RT_ISA_I8MM = 8,    /* AArch64: usmmla (FEAT_I8MM) */
  QCC_RT_ISA_COUNT = 9
};

/* How a context runs. isa: a QCC_RT_ISA_* value; AUTO takes the environment
 * variable QCC_ISA (reference, avx2, avx-vnni, avx512-vnni, amx; neon,
 * dotprod, i8mm) if set,
 * else the best path this CPU supports. threads: 0 takes QCC_THREADS if set,
 * else 1. Results are bit-identical whatever the path and the thread count. */
typedef struct qcc_rt_options {
  int32_t isa;
  int32_t threads;
} qcc_rt_options;

/* Creates the state one thread of execution needs to run a model: its arena,
 * the weights packed for the chosen path, its worker threads. The model's
 * descriptors (and the weights they point to) must not change while the
 * context exists. Returns NULL
 * when the model is not usable by this runtime, or a forced path is not
 * supported by this CPU; then qcc_rt_last_error() says why. */
qcc_rt_context *qcc_rt_context_create(const qcc_rt_model_info *model);
qcc_rt_context *qcc_rt_context_create_with(const qcc_rt_model_info *model,
                                           const qcc_rt_options *options);
/* The path a context runs, and the threads it uses. */
int32_t qcc_rt_context_isa(const qcc_rt_context *ctx);
int32_t qcc_rt_context_threads(const qcc_rt_context *ctx);
/* "reference", "avx2", "avx-vnni", "avx512-vnni", "amx"; NULL for
 * others. */
const char *qcc_rt_isa_name(int32_t isa);
/* The QCC_RT_ISA_* value of a name, or -1. */
int32_t qcc_rt_isa_from_name(const char *name);
/* Whether this CPU (and OS) can run a path. */
int qcc_rt_isa_supported(int32_t isa);
/* The best path this CPU supports. */
int32_t qcc_rt_best_isa(void);
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
void qcc_rt_conv2d(qcc_rt_context *ctx, const qcc_rt_conv2d_desc *desc,
                   const void *input, void *output);
void qcc_rt_add(qcc_rt_context *ctx, const qcc_rt_add_desc *desc, const void *a,
                const void *b, void *output);
void qcc_rt_requantize(qcc_rt_context *ctx, const qcc_rt_requantize_desc *desc,
                       const void *input, void *output);
void qcc_rt_pool2d(qcc_rt_context *ctx, const qcc_rt_pool2d_desc *desc,
                   const void *input, void *output);
void qcc_rt_concat(qcc_rt_context *ctx, const qcc_rt_concat_desc *desc,
                   const void *const *inputs, void *output);
void qcc_rt_transpose(qcc_rt_context *ctx, const qcc_rt_transpose_desc *desc,
                      const void *input, void *output);
void qcc_rt_dynamic_fully_connected(qcc_rt_context *ctx,
                                    const qcc_rt_dynamic_fc_desc *desc,
                                    const float *input, float *output);
void qcc_rt_dynamic_quantize(qcc_rt_context *ctx,
                             const qcc_rt_dynamic_quantize_desc *desc,
                             const float *input, float *output);
void qcc_rt_dynamic_quantize_linear(qcc_rt_context *ctx,
                                    const qcc_rt_dynamic_quantize_desc *desc,
                                    const float *input, void *output,
                                    float *scale, void *zero_point);
void qcc_rt_binary_f32(qcc_rt_context *ctx, const qcc_rt_binary_f32_desc *desc,
                       const float *a, const float *b, float *output);
void qcc_rt_clip_f32(qcc_rt_context *ctx, const qcc_rt_clip_f32_desc *desc,
                     const float *input, float *output);
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
