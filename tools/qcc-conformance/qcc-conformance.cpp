// qcc-conformance DIR: compiles and runs every model of a corpus-format
// directory in every numerics mode and holds each output against every
// reference (see Rule.h for the rule). One row per model, mode and
// reference; the last line is "N passed, M failed"; the exit status is
// non-zero when anything failed.
#include "Manifest.h"
#include "Rule.h"

#include "compiler/Session.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <set>

using namespace qcc::conformance;

namespace {

llvm::cl::opt<std::string> root(llvm::cl::Positional, llvm::cl::Required,
                                llvm::cl::desc("<corpus directory>"));
llvm::cl::list<std::string>
    modes("numerics", llvm::cl::desc("numerics mode to run (repeatable; "
                                     "default: int, int-single-round, onnx)"));
llvm::cl::opt<std::string>
    only("only",
         llvm::cl::desc("run only the models whose name contains this"));
llvm::cl::opt<std::string>
    isa("isa",
        llvm::cl::desc("the kernels' instruction-set path (auto, reference; "
                       "x86: avx2, avx-vnni, avx512-vnni, amx; AArch64: "
                       "neon, dotprod, i8mm)"),
        llvm::cl::init("auto"));
llvm::cl::opt<int> threads("num-threads",
                           llvm::cl::desc("threads of the kernels (0: "
                                          "QCC_THREADS, else 1)"),
                           llvm::cl::init(0));
llvm::cl::opt<std::string>
    markdown("markdown",
             llvm::cl::desc("also write the table as Markdown to this file"));
llvm::cl::opt<std::string> expectedFailures(
    "expected-failures",
    llvm::cl::desc("file of rows known to fail, one 'model numerics "
                   "reference' per line ('#' starts a comment): they still "
                   "count as failed, but the exit status is 0 when exactly "
                   "they fail"));

struct Row {
  std::string model, mode, reference, result, limit;
  enum { Pass, Fail, Report } verdict;
  bool expected = false; ///< listed in --expected-failures
  std::string key() const { return model + " " + mode + " " + reference; }
};

const char *verdictText(const Row &r) {
  return r.verdict == Row::Pass   ? "pass"
         : r.verdict == Row::Fail ? (r.expected ? "FAIL (expected)" : "FAIL")
                                  : "reported";
}

/// The rows of an --expected-failures file.
llvm::Expected<std::set<std::string>> readExpected(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError("cannot read '" + path +
                                   "': " + buffer.getError().message());
  std::set<std::string> rows;
  llvm::SmallVector<llvm::StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (llvm::StringRef line : lines) {
    llvm::SmallVector<llvm::StringRef> words;
    line.split('#').first.split(words, ' ', -1, /*KeepEmpty=*/false);
    if (words.empty())
      continue;
    if (words.size() != 3)
      return llvm::createStringError("'" + path + "': '" + line.str() +
                                     "' is not 'model numerics reference'");
    rows.insert(words[0].str() + " " + words[1].str() + " " + words[2].str());
  }
  return rows;
}

void printRow(const Row &r) {
  llvm::outs() << llvm::left_justify(r.model, 40) << " "
               << llvm::left_justify(r.mode, 16) << " "
               << llvm::left_justify(r.reference, 30) << " "
               << llvm::left_justify(r.result, 34) << " "
               << llvm::left_justify(r.limit, 12) << " " << verdictText(r)
               << "\n";
  llvm::outs().flush();
}

std::string firstLine(const std::string &s) {
  return llvm::StringRef(s).split('\n').first.str();
}

/// An output of qcc's run: its values, and whether they are integers.
struct Produced {
  std::vector<double> values;
  bool integer = false;
};

std::vector<double> decode(const std::vector<char> &bytes,
                           qcc::ElementType type) {
  size_t n = bytes.size() / qcc::elementBytes(type);
  std::vector<double> out(n);
  for (size_t i = 0; i < n; ++i) {
    switch (type) {
    case qcc::ElementType::U8:
      out[i] = uint8_t(bytes[i]);
      break;
    case qcc::ElementType::I8:
      out[i] = int8_t(bytes[i]);
      break;
    case qcc::ElementType::I32: {
      int32_t v;
      std::memcpy(&v, bytes.data() + 4 * i, 4);
      out[i] = v;
      break;
    }
    case qcc::ElementType::F32: {
      float v;
      std::memcpy(&v, bytes.data() + 4 * i, 4);
      out[i] = v;
      break;
    }
    }
  }
  return out;
}

/// Compiles and runs `m` in `mode`; the outputs in manifest order.
llvm::Expected<std::vector<Produced>> runModel(const Manifest &m,
                                               const std::string &mode) {
  qcc::CompileOptions opts;
  opts.numerics = mode;
  llvm::SmallString<256> path(m.directory);
  llvm::sys::path::append(path, m.modelFile);
  auto session =
      qcc::Session::compile(std::string(path), opts,
                            /*printDiagnostics=*/false, {isa, threads});
  if (!session)
    return session.takeError();
  const qcc::FunctionSignature *f = (*session)->entry();
  if (!f)
    return llvm::createStringError("the model has no single entry function");
  if (f->inputs.size() != m.inputs.size() ||
      f->outputs.size() != m.outputs.size())
    return llvm::createStringError(
        "qcc's function takes " + std::to_string(f->inputs.size()) +
        " input(s) and gives " + std::to_string(f->outputs.size()) +
        " output(s); the manifest lists " + std::to_string(m.inputs.size()) +
        " and " + std::to_string(m.outputs.size()));

  std::vector<std::vector<char>> inputs;
  std::vector<const void *> inputPtrs;
  for (const qcc::TensorInfo &t : f->inputs) {
    // Inputs go by name; a model whose names qcc does not know gets them in
    // order.
    const TensorFile *file = &m.inputs[inputs.size()];
    for (const TensorFile &candidate : m.inputs)
      if (candidate.name == t.name)
        file = &candidate;
    if (file->dtype != qcc::elementTypeName(t.type) ||
        file->numElements() != t.numElements())
      return llvm::createStringError(
          "input '" + t.name + "' is " + t.describe() + " in qcc but " +
          file->dtype + " of " + std::to_string(file->numElements()) +
          " elements in the manifest");
    llvm::SmallString<256> p(m.directory);
    llvm::sys::path::append(p, file->file);
    auto buffer = llvm::MemoryBuffer::getFile(p, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!buffer)
      return llvm::createStringError("cannot read '" + std::string(p) + "'");
    if ((*buffer)->getBufferSize() != t.bytes())
      return llvm::createStringError(
          "'" + std::string(p) + "' has " +
          std::to_string((*buffer)->getBufferSize()) + " bytes; input '" +
          t.name + "' needs " + std::to_string(t.bytes()));
    inputs.emplace_back((*buffer)->getBufferStart(), (*buffer)->getBufferEnd());
  }
  for (const auto &b : inputs)
    inputPtrs.push_back(b.data());

  std::vector<std::vector<char>> outputs;
  std::vector<void *> outputPtrs;
  for (const qcc::TensorInfo &t : f->outputs)
    outputs.emplace_back(t.bytes());
  for (auto &b : outputs)
    outputPtrs.push_back(b.data());
  if (auto err = (*session)->run(f->name, inputPtrs, outputPtrs))
    return err;

  std::vector<Produced> produced;
  for (auto [t, bytes] : llvm::zip(f->outputs, outputs))
    produced.push_back(
        {decode(bytes, t.type), t.type != qcc::ElementType::F32});
  return produced;
}

/// Holds each output of one run against one reference.
Row judge(const Manifest &m, const std::string &mode, const Reference &ref,
          const std::vector<Produced> &produced) {
  Row row{m.name, mode, ref.tool, "", "", Row::Pass};
  bool judged = isJudged(ref.tool);
  if (ref.outputs.size() != m.outputs.size()) {
    row.result =
        "the reference has " + std::to_string(ref.outputs.size()) + " outputs";
    row.verdict = judged ? Row::Fail : Row::Report;
    return row;
  }
  int64_t maxLsb = 0, differing = 0, elements = 0;
  int64_t lsbAllowed = -1;
  double worstFloat = 0; // |diff| / max|ref|, float outputs
  bool anyQuantized = false, anyFloat = false, ok = true;
  std::string problem;
  for (size_t i = 0; i < m.outputs.size() && problem.empty(); ++i) {
    const ReferenceOutput &r = ref.outputs[i];
    const std::optional<Quantization> &quant = m.outputQuantization[i];
    auto refValues = readValues(m.directory, r.values);
    if (!refValues) {
      problem = llvm::toString(refValues.takeError());
      break;
    }
    if (refValues->size() != produced[i].values.size()) {
      problem = "output " + std::to_string(i) + " has " +
                std::to_string(produced[i].values.size()) +
                " elements, the reference " + std::to_string(refValues->size());
      break;
    }
    OutputDiff diff;
    bool integerOutput = m.outputs[i].dtype != "float32";
    if (quant || integerOutput) {
      if (!quant && !produced[i].integer) {
        problem = "output " + std::to_string(i) + " is float in qcc";
        break;
      }
      std::vector<int64_t> refInts;
      if (r.intRepr) {
        auto ints = readValues(m.directory, *r.intRepr);
        if (!ints) {
          problem = llvm::toString(ints.takeError());
          break;
        }
        refInts = toIntegers(*ints, r.intRepr->shape, std::nullopt);
      } else {
        refInts =
            toIntegers(*refValues, r.values.shape,
                       r.values.dtype == "float32" ? quant : std::nullopt);
      }
      std::vector<int64_t> ours =
          toIntegers(produced[i].values, m.outputs[i].shape,
                     produced[i].integer ? std::nullopt : quant);
      diff = compareIntegers(ours, refInts);
      anyQuantized = true;
      maxLsb = std::max(maxLsb, diff.maxLsb);
      int64_t limit = lsbLimit(m, i, mode);
      lsbAllowed = lsbAllowed < 0 ? limit : std::min(lsbAllowed, limit);
    } else {
      diff = compareFloats(produced[i].values, *refValues);
      anyFloat = true;
      worstFloat = std::max(worstFloat, diff.referenceMax > 0
                                            ? diff.maxAbs / diff.referenceMax
                                            : (diff.maxAbs > 0 ? INFINITY : 0));
    }
    differing += diff.differing;
    elements += diff.elements;
    ok = ok && withinRule(m, i, mode, diff);
  }
  if (!problem.empty()) {
    row.result = firstLine(problem);
    row.verdict = judged ? Row::Fail : Row::Report;
    return row;
  }
  std::string result;
  llvm::raw_string_ostream os(result);
  if (anyQuantized)
    os << maxLsb << " LSB";
  if (anyFloat)
    os << (anyQuantized ? ", " : "") << llvm::format("rel %.1e", worstFloat);
  os << ", " << differing << "/" << elements << " differ";
  row.result = result;
  std::string limit;
  if (anyQuantized)
    limit = "<= " + std::to_string(lsbAllowed) + " LSB";
  if (anyFloat)
    limit += (anyQuantized ? ", " : "") + std::string("rel <= 1e-5");
  row.limit = judged ? limit : "-";
  row.verdict = !judged ? Row::Report : ok ? Row::Pass : Row::Fail;
  return row;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "qcc-conformance: runs every model of a corpus-format directory in "
      "every numerics mode and compares it with its references\n");
  std::vector<std::string> runModes(modes.begin(), modes.end());
  if (runModes.empty())
    runModes = {"int", "int-single-round", "onnx"};

  auto dirs = findModelDirectories(root);
  if (!dirs) {
    llvm::errs() << "qcc-conformance: " << llvm::toString(dirs.takeError())
                 << "\n";
    return 2;
  }
  std::set<std::string> expected;
  if (!expectedFailures.empty()) {
    auto read = readExpected(expectedFailures);
    if (!read) {
      llvm::errs() << "qcc-conformance: " << llvm::toString(read.takeError())
                   << "\n";
      return 2;
    }
    expected = std::move(*read);
  }
  std::vector<Row> rows;
  auto add = [&](Row r) {
    r.expected = r.verdict == Row::Fail && expected.count(r.key());
    printRow(r);
    rows.push_back(std::move(r));
  };
  llvm::outs() << llvm::left_justify("model", 40) << " "
               << llvm::left_justify("numerics", 16) << " "
               << llvm::left_justify("reference", 30) << " "
               << llvm::left_justify("largest difference, elements", 34) << " "
               << llvm::left_justify("limit", 12) << " verdict\n";
  for (const std::string &dir : *dirs) {
    std::string name = llvm::sys::path::filename(dir).str();
    if (!only.empty() && name.find(only) == std::string::npos)
      continue;
    auto manifest = readManifest(dir);
    if (!manifest) {
      add({name, "-", "-", firstLine(llvm::toString(manifest.takeError())), "-",
           Row::Fail});
      continue;
    }
    for (const std::string &mode : runModes) {
      auto produced = runModel(*manifest, mode);
      if (!produced) {
        add({manifest->name, mode, "-",
             "error: " + firstLine(llvm::toString(produced.takeError())), "-",
             Row::Fail});
        continue;
      }
      for (const Reference &ref : manifest->references)
        add(judge(*manifest, mode, ref, *produced));
    }
  }

  int passed = 0, failed = 0, failedAsExpected = 0;
  std::set<std::string> seen;
  for (const Row &r : rows) {
    passed += r.verdict == Row::Pass;
    failed += r.verdict == Row::Fail;
    failedAsExpected += r.expected;
    seen.insert(r.key());
  }
  // A listed row that now passes must leave the list.
  std::vector<std::string> nowPassing;
  for (const std::string &key : expected)
    if (seen.count(key) && llvm::none_of(rows, [&](const Row &r) {
          return r.expected && r.key() == key;
        }))
      nowPassing.push_back(key);
  if (!markdown.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream md(markdown, ec);
    if (ec) {
      llvm::errs() << "qcc-conformance: cannot write '" << markdown
                   << "': " << ec.message() << "\n";
      return 2;
    }
    md << "| model | numerics | reference | largest difference, elements | "
          "limit | verdict |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const Row &r : rows)
      md << "| `" << r.model << "` | " << r.mode << " | " << r.reference
         << " | " << r.result << " | " << r.limit << " | " << verdictText(r)
         << " |\n";
    md << "\n" << passed << " passed, " << failed << " failed\n";
  }
  for (const std::string &key : nowPassing)
    llvm::outs() << "listed as an expected failure but passes: " << key << "\n";
  llvm::outs() << passed << " passed, " << failed << " failed";
  if (failedAsExpected)
    llvm::outs() << " (" << failedAsExpected << " of them expected, listed in "
                 << expectedFailures << ")";
  llvm::outs() << "\n";
  if (!expected.empty())
    return failed == failedAsExpected && nowPassing.empty() ? 0 : 1;
  return failed ? 1 : 0;
}
