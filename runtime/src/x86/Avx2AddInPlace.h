// acc += x on ymm with the sum kept in acc's register, for the AVX2 k loops
// (GEMM and depthwise) that accumulate vpmaddwd products. Included only by
// AVX2-family translation units, after their target pragma.
#ifndef QCC_RUNTIME_X86_AVX2ADDINPLACE_H
#define QCC_RUNTIME_X86_AVX2ADDINPLACE_H

#include <immintrin.h>

namespace qcc::rt::avx2 {
namespace {

/// Written as _mm256_add_epi32, GCC adds into the product's register and
/// copies the sum back to the accumulator's at every step: 8 vmovdqa per
/// step of a 4 x 16 GEMM tile (33 instructions a step instead of 25, the
/// core's dispatch width the bound), and likewise in the depthwise kernel.
[[gnu::always_inline]] inline void addInPlace(__m256i &acc, __m256i x) {
  __asm__("vpaddd %1, %0, %0" : "+x"(acc) : "x"(x));
}

} // namespace
} // namespace qcc::rt::avx2

#endif // QCC_RUNTIME_X86_AVX2ADDINPLACE_H
