// qcc: the command-line compiler. Parses flags and calls the compiler
// library; see `qcc --help`.
#include "compiler/Compiler.h"
#include "compiler/Explain.h"
#include "compiler/ObjectEmitter.h"
#include "compiler/Session.h"
#include "passes/Numerics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

const char *kUsage = R"(usage: qcc <command> MODEL [options]

commands:
  run MODEL        compile in memory (JIT) and run
      --input FILE       raw little-endian tensor for the next input, in
                         order (repeat once per input)
      --output FILE      write the next output as a raw tensor (repeat)
      --function NAME    function to run (default: main, or the only entry)
      --print N          print at most N values of each output (default 64)
      --threads N        threads of the kernels (default: QCC_THREADS, else 1)
      --isa PATH         kernels' instruction-set path: auto (default:
                         QCC_ISA, else the best this CPU has), reference;
                         x86: avx2, avx-vnni, avx512-vnni, amx; AArch64:
                         neon, dotprod, i8mm; results are the same bits on
                         every path and thread count
      --repeat N         run N times and print the median and the fastest
                         wall time of one run (QCC_PROFILE=1 adds per-op
                         times, summed over the runs)
  compile MODEL -o FILE.o
                   write an object file and its C header FILE.h
      --target TRIPLE    target triple (default: this machine's)
      --prefix NAME      prefix of the exported symbols (default: the
                         output file's stem and "_")
      --header FILE      where to write the header (default: FILE.h)
  explain MODEL    print the integer arithmetic of each fused operation and
                   whether the compiled graph is integer-only
      --verbose          print every channel's multiplier and shift
  import MODEL     print the model as qcc reads it (qgraph dialect, before
                   any pass)
      --locations        print each operation's location (its ONNX node)
      -o FILE            write to FILE instead of standard output

options of every command:
  --numerics MODE  int (default): integer-only, double rounding (TFLite
                   reference); int-single-round: integer-only, single
                   rounding; onnx: float32 scale, round half to even (ONNX
                   Runtime's results; not integer-only)
  --strict         fail when any operation computes in float

MODEL is an ONNX model (.onnx: QDQ or QOperator form) or a .mlir file in the
qgraph dialect. Tensors are raw little-endian files, row-major, without
header. Exit status: 0 on success, 1 on error.
)";

struct Args {
  std::string command, model, output, target, prefix, header, function;
  std::vector<std::string> inputs, outputs;
  qcc::CompileOptions opts;
  qcc::RunOptions run;
  bool verbose = false, locations = false;
  long print = 64;
  long repeat = 1;
};

[[noreturn]] void fail(const std::string &message) {
  llvm::errs() << "qcc: error: " << message << "\n";
  std::exit(1);
}

Args parseArgs(int argc, char **argv) {
  Args a;
  std::vector<std::string> rest(argv + 1, argv + argc);
  if (rest.empty() || rest[0] == "--help" || rest[0] == "-h") {
    llvm::outs() << kUsage;
    std::exit(rest.empty() ? 1 : 0);
  }
  a.command = rest[0];
  if (a.command != "run" && a.command != "compile" && a.command != "explain" &&
      a.command != "import")
    fail("unknown command '" + a.command +
         "' (run, compile, explain or import)");
  for (size_t i = 1; i < rest.size(); ++i) {
    // --option=value is --option value.
    std::string arg = rest[i];
    std::optional<std::string> inlineValue;
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      if (size_t eq = arg.find('='); eq != std::string::npos) {
        inlineValue = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
      }
    }
    auto value = [&]() -> std::string {
      if (inlineValue) {
        std::string v = *inlineValue;
        inlineValue.reset();
        return v;
      }
      if (i + 1 >= rest.size())
        fail("option " + arg + " needs a value");
      return rest[++i];
    };
    if (arg == "--help" || arg == "-h") {
      llvm::outs() << kUsage;
      std::exit(0);
    } else if (arg == "--input") {
      a.inputs.push_back(value());
    } else if (arg == "--output") {
      a.outputs.push_back(value());
    } else if (arg == "-o") {
      a.output = value();
    } else if (arg == "--function") {
      a.function = value();
    } else if (arg == "--target") {
      a.target = value();
    } else if (arg == "--prefix") {
      a.prefix = value();
    } else if (arg == "--header") {
      a.header = value();
    } else if (arg == "--numerics") {
      a.opts.numerics = value();
      if (!qcc::parseNumerics(a.opts.numerics))
        fail("unknown numerics mode '" + a.opts.numerics +
             "' (int, int-single-round or onnx)");
    } else if (arg == "--strict") {
      a.opts.strict = true;
    } else if (arg == "--verbose") {
      a.verbose = true;
    } else if (arg == "--locations") {
      a.locations = true;
    } else if (arg == "--isa") {
      a.run.isa = value();
    } else if (arg == "--threads") {
      std::string v = value();
      char *end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (*end || n < 1 || n > 1024)
        fail("--threads takes a count from 1 to 1024, not '" + v + "'");
      a.run.threads = int(n);
    } else if (arg == "--repeat") {
      std::string v = value();
      char *end = nullptr;
      a.repeat = std::strtol(v.c_str(), &end, 10);
      if (*end || a.repeat < 1 || a.repeat > 1000000)
        fail("--repeat takes a count from 1 to 1000000, not '" + v + "'");
    } else if (arg == "--print") {
      std::string v = value();
      char *end = nullptr;
      a.print = std::strtol(v.c_str(), &end, 10);
      if (*end || a.print < 0)
        fail("--print takes a count, not '" + v + "'");
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      fail("unknown option '" + arg + "' (qcc --help lists them)");
    } else if (a.model.empty()) {
      a.model = arg;
    } else {
      fail("more than one model given: '" + a.model + "' and '" + arg + "'");
    }
    if (inlineValue)
      fail("option " + arg + " takes no value");
  }
  if (a.model.empty())
    fail("no model given (qcc " + a.command + " MODEL)");
  return a;
}

std::vector<char> readTensor(const std::string &path,
                             const qcc::TensorInfo &t) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    fail("cannot read input '" + path + "': " + buffer.getError().message());
  size_t size = (*buffer)->getBufferSize();
  if (size != t.bytes())
    fail("input '" + t.name + "' is " + t.describe() + ", " +
         std::to_string(t.bytes()) + " bytes, but '" + path + "' has " +
         std::to_string(size) + " bytes");
  return std::vector<char>((*buffer)->getBufferStart(),
                           (*buffer)->getBufferEnd());
}

void printTensor(const qcc::TensorInfo &t, const char *data, long limit) {
  int64_t n = t.numElements();
  int64_t row = t.shape.empty() ? 1 : std::max<int64_t>(t.shape.back(), 1);
  for (int64_t i = 0; i < n && i < limit; ++i) {
    if (i % row == 0)
      llvm::outs() << (i ? "\n" : "") << "  ";
    else
      llvm::outs() << " ";
    switch (t.type) {
    case qcc::ElementType::F32: {
      float v;
      std::memcpy(&v, data + 4 * i, 4);
      llvm::outs() << llvm::format("%.9g", double(v));
      break;
    }
    case qcc::ElementType::I32: {
      int32_t v;
      std::memcpy(&v, data + 4 * i, 4);
      llvm::outs() << v;
      break;
    }
    case qcc::ElementType::U8:
      llvm::outs() << int(static_cast<uint8_t>(data[i]));
      break;
    case qcc::ElementType::I8:
      llvm::outs() << int(static_cast<int8_t>(data[i]));
      break;
    }
  }
  if (n > limit)
    llvm::outs() << " ... (" << n - limit << " more)";
  llvm::outs() << "\n";
}

int runCommand(const Args &a) {
  auto session = qcc::Session::compile(a.model, a.opts, /*print=*/true, a.run);
  if (!session) {
    llvm::consumeError(session.takeError()); // already printed
    fail("cannot compile '" + a.model + "'");
  }
  const qcc::FunctionSignature *f = a.function.empty()
                                        ? (*session)->entry()
                                        : (*session)->function(a.function);
  if (!f) {
    std::string names;
    for (const auto &s : (*session)->functions())
      names += (names.empty() ? "@" : ", @") + s.name;
    fail(a.function.empty()
             ? "the model has several functions; choose one with --function: " +
                   names
             : "no function @" + a.function + " (the model has " + names + ")");
  }
  if (a.inputs.size() != f->inputs.size()) {
    std::string expected;
    for (const auto &t : f->inputs)
      expected += (expected.empty() ? "" : ", ") + t.name + ": " + t.describe();
    fail("@" + f->name + " takes " + std::to_string(f->inputs.size()) +
         " input(s) (" + expected + "); " + std::to_string(a.inputs.size()) +
         " --input given");
  }
  if (a.outputs.size() > f->outputs.size())
    fail("@" + f->name + " has " + std::to_string(f->outputs.size()) +
         " output(s); " + std::to_string(a.outputs.size()) + " --output given");

  std::vector<std::vector<char>> inputs, outputs;
  for (size_t i = 0; i < f->inputs.size(); ++i)
    inputs.push_back(readTensor(a.inputs[i], f->inputs[i]));
  for (const auto &t : f->outputs)
    outputs.emplace_back(t.bytes());
  std::vector<const void *> in;
  std::vector<void *> out;
  for (auto &v : inputs)
    in.push_back(v.data());
  for (auto &v : outputs)
    out.push_back(v.data());
  std::vector<double> seconds;
  for (long r = 0; r < a.repeat; ++r) {
    auto start = std::chrono::steady_clock::now();
    if (auto err = (*session)->run(f->name, in, out))
      fail(llvm::toString(std::move(err)));
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
  }
  if (a.repeat > 1) {
    std::sort(seconds.begin(), seconds.end());
    llvm::outs() << llvm::format(
        "%ld runs on %s, %d thread(s): median %.3f ms, fastest %.3f ms\n",
        a.repeat, (*session)->isa().c_str(), (*session)->threads(),
        1e3 * seconds[seconds.size() / 2], 1e3 * seconds.front());
  }

  for (size_t i = 0; i < f->outputs.size(); ++i) {
    const qcc::TensorInfo &t = f->outputs[i];
    llvm::outs() << "output " << i << " '" << t.name << "': " << t.describe()
                 << "\n";
    printTensor(t, outputs[i].data(), a.print);
    if (i < a.outputs.size()) {
      std::ofstream file(a.outputs[i], std::ios::binary);
      file.write(outputs[i].data(), std::streamsize(outputs[i].size()));
      if (!file)
        fail("cannot write output '" + a.outputs[i] + "'");
    }
  }
  return 0;
}

std::string defaultPrefix(const std::string &output) {
  std::string stem = llvm::sys::path::stem(output).str();
  std::string prefix;
  for (char c : stem)
    prefix += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (prefix.empty() || std::isdigit(static_cast<unsigned char>(prefix[0])))
    prefix = "m" + prefix;
  return prefix + "_";
}

int compileCommand(Args a) {
  if (a.output.empty())
    fail("qcc compile needs -o FILE.o");
  if (a.prefix.empty())
    a.prefix = defaultPrefix(a.output);
  a.opts.prefix = a.prefix;
  if (a.header.empty()) {
    llvm::SmallString<256> h(a.output);
    llvm::sys::path::replace_extension(h, ".h");
    a.header = std::string(h);
  }
  std::string triple = a.target.empty() ? qcc::hostTriple() : a.target;

  qcc::Compiler compiler;
  auto module = compiler.load(a.model);
  if (!module || failed(compiler.fuse(*module, a.opts)))
    fail("cannot compile '" + a.model + "'");
  auto sigs = qcc::collectSignatures(*module);
  if (failed(compiler.lower(*module, a.opts)))
    fail("cannot compile '" + a.model + "'");
  if (auto err = qcc::emitObjectFile(*module, triple, a.output))
    fail(llvm::toString(std::move(err)));
  std::ofstream header(a.header);
  header << qcc::emitHeader(sigs, a.prefix,
                            llvm::sys::path::filename(a.model).str());
  if (!header)
    fail("cannot write '" + a.header + "'");
  llvm::outs() << "wrote " << a.output << " (" << triple << ") and " << a.header
               << "\n";
  return 0;
}

int explainCommand(const Args &a) {
  qcc::Compiler compiler;
  auto module = compiler.load(a.model);
  if (!module || failed(compiler.fuse(*module, a.opts, /*verify=*/false)))
    fail("cannot compile '" + a.model + "'");
  llvm::outs() << "qcc explain " << a.model << "\n";
  bool integerOnly =
      qcc::explainModule(*module, a.opts, llvm::outs(), a.verbose);
  return !integerOnly && a.opts.strict ? 1 : 0;
}

int importCommand(const Args &a) {
  qcc::Compiler compiler;
  auto module = compiler.load(a.model);
  if (!module)
    fail("cannot import '" + a.model + "'");
  mlir::OpPrintingFlags flags;
  if (a.locations)
    flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/false);
  if (a.output.empty() || a.output == "-") {
    module->print(llvm::outs(), flags);
    return 0;
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(a.output, ec);
  if (ec)
    fail("cannot write '" + a.output + "': " + ec.message());
  module->print(os, flags);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Args a = parseArgs(argc, argv);
  if (a.command == "run")
    return runCommand(a);
  if (a.command == "compile")
    return compileCommand(a);
  if (a.command == "import")
    return importCommand(a);
  return explainCommand(a);
}
