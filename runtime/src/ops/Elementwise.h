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
  /// An integer rule's add as the affine function it rounds (addByAffine):
  /// fixed + a * rA + b * rB in output units, a and b the inputs' values.
  float affineA = 0, affineB = 0, affineFixed = 0;
};

/// Bytes readable past an add table's last entry: x86 gathers 4 bytes.
constexpr int64_t kAddTableSlack = 4;

/// addByAffine looks up each lane whose float value lies within this of a
/// half. Farther out, the float form's error (a few ulps of values up to
/// a few hundred) and the integer rule's own roundings (of values scaled up
/// by 2^left_shift) are far too small to move the rounded result; AddOp
/// checks that on every pair of bytes, so the margin only sets how many
/// lanes are looked up (about 1 in 128 on random scales).
constexpr float kAffineMargin = 0x1p-8f;

/// An add takes the affine form only where it looks up at most 1 pair of
/// bytes in this many: beyond that the table's gathers are as fast.
constexpr int64_t kAffineMaxLookups = 32;

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
  /// The add as the affine function of p (affineA, affineB, affineFixed) in
  /// float, clamped and rounded to nearest, except that the lanes within
  /// kAffineMargin of a half take p.table's byte. Returns how many lanes
  /// it looked up. Exact only for a rule it has been checked against on
  /// every pair of bytes (AddOp does).
  int64_t (*addByAffine)(const AddParams &p, const void *a, const void *b,
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

/// The affine function an integer rule's add rounds, into p.affineA,
/// affineB and affineFixed: ((a - zpA) 2^L mA + (b - zpB) 2^L mB) mOut +
/// zpOut, m = multiplier 2^(shift - 31), in fixed point.
void affineAdd(const qcc_rt_add_desc &d, AddParams &p);

/// A per-tensor rule broadcast to `lanes` columns.
bool broadcastEpilogue(const qcc_rt_requant &r, int32_t outputType, int lanes,
                       Epilogue &e);

} // namespace qcc::rt

#endif // QCC_RUNTIME_OPS_ELEMENTWISE_H
