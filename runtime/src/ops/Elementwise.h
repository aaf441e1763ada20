// Vector kernels for the operations around the GEMMs: quantized add,
// requantize, max and average pooling, quantize and dequantize. Each path
// (AVX-512, AVX2) fills an ElementwiseKernels table; the parameters are
// prepared once, with the rules expanded as the GEMM epilogue expands them.
// Every kernel works on a range [begin, end) of its items (elements, or
// output pixels) so that a thread pool can split it.
#ifndef QCC_RUNTIME_OPS_ELEMENTWISE_H
#define QCC_RUNTIME_OPS_ELEMENTWISE_H

#include "gemm/Gemm.h"

#include <vector>

namespace qcc::rt {

struct AddParams {
  const qcc_rt_add_desc *desc;
  Epilogue a, b, out; ///< per tensor, broadcast to every lane
  float fixed;        ///< float rule: zpOut - (rA * zpA + rB * zpB)
  /// The output byte of every pair of input bytes, at a * 256 + b, with
  /// kAddTableSlack readable bytes after it (for addByTable), or null.
  const uint8_t *table = nullptr;
};

/// Bytes readable past an add table's last entry: x86 gathers 4 bytes.
constexpr int64_t kAddTableSlack = 4;

struct RequantizeParams {
  const qcc_rt_requantize_desc *desc;
  Epilogue rule;
};

struct PoolParams {
  const qcc_rt_pool2d_desc *desc;
  /// Average pooling: the rule of each divisor d at index d - 1 (one entry
  /// when the requantization is per tensor).
  std::vector<Epilogue> divisors;
};

struct ElementwiseKernels {
  int lanes;
  void (*add)(const AddParams &p, const void *a, const void *b, void *out,
              int64_t begin, int64_t end);
  /// The add as lookups in p.table (made by `add` on every pair of bytes).
  void (*addByTable)(const AddParams &p, const void *a, const void *b,
                     void *out, int64_t begin, int64_t end);
  void (*requantize)(const RequantizeParams &p, const void *in, void *out,
                     int64_t begin, int64_t end);
  /// Output pixels [begin, end) (batch * out_h * out_w).
  void (*maxPool)(const PoolParams &p, const void *in, void *out, int64_t begin,
                  int64_t end);
  void (*avgPool)(const PoolParams &p, const void *in, void *out, int64_t begin,
                  int64_t end);
  /// Per-tensor quantize/dequantize.
  void (*quantize)(const qcc_rt_quant_desc &d, const float *in, void *out,
                   int64_t begin, int64_t end);
  void (*dequantize)(const qcc_rt_quant_desc &d, const void *in, float *out,
                     int64_t begin, int64_t end);
  /// [rows][cols] -> [cols][rows] for 2 to 4 rows of 1- or 4-byte elements
  /// (NCHW -> NHWC of an image's colour planes), columns [begin, end).
  void (*interleaveRows)(const uint8_t *in, uint8_t *out, int rows, int bytes,
                         int64_t cols, int64_t begin, int64_t end);
};

const ElementwiseKernels *elementwiseAvx512();
const ElementwiseKernels *elementwiseAvx2();
const ElementwiseKernels *elementwiseNeon();

/// A per-tensor rule broadcast to `lanes` columns.
bool broadcastEpilogue(const qcc_rt_requant &r, int32_t outputType, int lanes,
                       Epilogue &e);

} // namespace qcc::rt

#endif // QCC_RUNTIME_OPS_ELEMENTWISE_H
