// Reading and writing elements of the ABI's integer types; shared by the
// reference kernels.
#ifndef QCC_RUNTIME_REFERENCE_STORAGE_H
#define QCC_RUNTIME_REFERENCE_STORAGE_H

#include "qcc/runtime/ReferenceKernels.h"

namespace qcc::rt {

inline int32_t loadInt(const void *base, int32_t type, int64_t i) {
  switch (type) {
  case QCC_RT_I8:
    return static_cast<const int8_t *>(base)[i];
  case QCC_RT_U8:
    return static_cast<const uint8_t *>(base)[i];
  default:
    return static_cast<const int32_t *>(base)[i];
  }
}

inline void storeInt(void *base, int32_t type, int64_t i, int32_t v) {
  switch (type) {
  case QCC_RT_I8:
    static_cast<int8_t *>(base)[i] = int8_t(v);
    break;
  case QCC_RT_U8:
    static_cast<uint8_t *>(base)[i] = uint8_t(v);
    break;
  default:
    static_cast<int32_t *>(base)[i] = v;
    break;
  }
}

inline int64_t elementBytes(int32_t type) {
  return type == QCC_RT_I8 || type == QCC_RT_U8 ? 1 : 4;
}

inline int32_t storageMin(int32_t t) {
  return t == QCC_RT_I8 ? -128 : t == QCC_RT_U8 ? 0 : kInt32Min;
}

inline int32_t storageMax(int32_t t) {
  return t == QCC_RT_I8 ? 127 : t == QCC_RT_U8 ? 255 : kInt32Max;
}

/// The int32 accumulator wraps modulo 2^32: every decomposition of the zero
/// point terms then gives the same bits.
inline int32_t wrapToInt32(int64_t v) { return int32_t(uint32_t(uint64_t(v))); }

/// Requantizes the accumulator of output channel `c`, or passes it through
/// when the descriptor asks for the raw accumulator.
inline int32_t finishAccumulator(const qcc_rt_requant &r, int64_t c,
                                 int32_t acc) {
  if (r.rounding == QCC_RT_NO_REQUANT)
    return acc;
  return requantizeChannel(r, c, acc);
}

} // namespace qcc::rt

#endif // QCC_RUNTIME_REFERENCE_STORAGE_H
