#include "Storage.h"

#include <cstring>

namespace qcc::rt {

void concatReference(const qcc_rt_concat_desc &d, const void *const *inputs,
                     void *output) {
  const int64_t outBytes = elementBytes(d.output_type);
  int64_t row = 0;
  for (int32_t i = 0; i < d.num_inputs; ++i)
    row += d.inner_elements[i];
  for (int64_t o = 0; o < d.outer; ++o) {
    int64_t at = o * row;
    for (int32_t i = 0; i < d.num_inputs; ++i) {
      const int64_t n = d.inner_elements[i];
      const int64_t from = o * n;
      if (!d.requants) {
        if (n)
          std::memcpy(static_cast<char *>(output) + at * outBytes,
                      static_cast<const char *>(inputs[i]) + from * outBytes,
                      size_t(n * outBytes));
      } else {
        for (int64_t e = 0; e < n; ++e)
          storeInt(
              output, d.output_type, at + e,
              requantizeChannel(d.requants[i], 0,
                                loadInt(inputs[i], d.input_type, from + e) -
                                    d.input_zero_points[i]));
      }
      at += n;
    }
  }
}

void transposeReference(const qcc_rt_transpose_desc &d, const void *input,
                        void *output) {
  int64_t inStrides[QCC_RT_MAX_RANK];
  int64_t stride = 1;
  for (int32_t i = d.rank - 1; i >= 0; --i) {
    inStrides[i] = stride;
    stride *= d.in_shape[i];
  }
  const int64_t total = stride;
  int64_t outShape[QCC_RT_MAX_RANK];
  for (int32_t i = 0; i < d.rank; ++i)
    outShape[i] = d.in_shape[d.perm[i]];
  int64_t index[QCC_RT_MAX_RANK] = {};
  const auto *in = static_cast<const char *>(input);
  auto *out = static_cast<char *>(output);
  const size_t bytes = size_t(d.element_bytes);
  for (int64_t o = 0; o < total; ++o) {
    int64_t from = 0;
    for (int32_t i = 0; i < d.rank; ++i)
      from += index[i] * inStrides[d.perm[i]];
    std::memcpy(out + o * d.element_bytes, in + from * d.element_bytes, bytes);
    for (int32_t i = d.rank - 1; i >= 0; --i) {
      if (++index[i] < outShape[i])
        break;
      index[i] = 0;
    }
  }
}

} // namespace qcc::rt
