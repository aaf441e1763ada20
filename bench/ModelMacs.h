// The multiply-accumulates of a whole model, counted on qcc's own graph
// after fusion: every fully connected layer and convolution (integer, or a
// float fallback), output elements times the inputs each one reads.
#ifndef QCC_BENCH_MODELMACS_H
#define QCC_BENCH_MODELMACS_H

#include <cstdint>
#include <string>

namespace qcc::bench {

struct ModelMacs {
  int64_t macs = 0;
  int layers = 0;      ///< fully connected layers and convolutions
  int floatLayers = 0; ///< of those, float fallbacks
  std::string error;   ///< why nothing could be counted, or empty
};

/// Loads and fuses `path` with a compiler of its own (nothing is lowered or
/// run).
ModelMacs countModelMacs(const std::string &path);

} // namespace qcc::bench

#endif // QCC_BENCH_MODELMACS_H
