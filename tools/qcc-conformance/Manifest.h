// The corpus format (../shared/corpus/README.md): a model directory's
// manifest.json, and the raw tensors it points to.
#ifndef QCC_TOOLS_CONFORMANCE_MANIFEST_H
#define QCC_TOOLS_CONFORMANCE_MANIFEST_H

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qcc::conformance {

/// How an output's integers map to reals; per axis when `axis` is set.
struct Quantization {
  std::vector<double> scales;
  std::vector<int64_t> zeroPoints;
  std::optional<int64_t> axis;
  std::string dtype;
};

struct TensorFile {
  std::string name;
  std::string dtype; ///< float32, uint8, int8 or int32
  std::vector<int64_t> shape;
  std::string file; ///< relative to the model directory
  int64_t numElements() const;
};

struct ReferenceOutput {
  TensorFile values;
  /// PyTorch's integer representation of a quantized output.
  std::optional<TensorFile> intRepr;
};

struct Reference {
  std::string tool;
  std::vector<ReferenceOutput> outputs;
};

struct Comparison {
  std::string a, b, output;
  std::optional<int64_t> maxDiffLsb;
};

struct Manifest {
  std::string directory;
  std::string name;
  std::string category;
  std::string modelFile;
  std::vector<TensorFile> inputs;
  /// The graph outputs, with their quantization when they are quantized.
  std::vector<TensorFile> outputs;
  std::vector<std::optional<Quantization>> outputQuantization;
  std::vector<Reference> references;
  std::vector<Comparison> comparisons;
};

llvm::Expected<Manifest> readManifest(const std::string &directory);

/// A tensor file's elements as doubles (exact for every dtype used).
llvm::Expected<std::vector<double>> readValues(const std::string &directory,
                                               const TensorFile &t);

/// The model directories under `root`, in index.json order when it exists,
/// else every subdirectory with a manifest.json, sorted.
llvm::Expected<std::vector<std::string>>
findModelDirectories(const std::string &root);

} // namespace qcc::conformance

#endif // QCC_TOOLS_CONFORMANCE_MANIFEST_H
