#include "compiler/Session.h"

#include "compiler/Compiler.h"
#include "compiler/Jit.h"

namespace qcc {

Session::Session() = default;
Session::~Session() = default;

llvm::Expected<std::unique_ptr<Session>>
Session::compile(const std::string &path, const CompileOptions &opts,
                 bool printDiagnostics, const RunOptions &run) {
  // Errors that are not compiler diagnostics are printed here too, as the
  // diagnostics are.
  auto fail = [&](std::string message) {
    if (printDiagnostics)
      llvm::errs() << "qcc: error: " << message << "\n";
    return llvm::createStringError(message);
  };
  qcc_rt_options runtime{QCC_RT_ISA_AUTO, run.threads};
  if (run.isa != "auto") {
    runtime.isa = qcc_rt_isa_from_name(run.isa.c_str());
    if (runtime.isa < 0)
      return fail("unknown instruction-set path '" + run.isa +
                  "' (auto, reference, avx2, avx-vnni, avx512-vnni, amx, "
                  "neon, dotprod, i8mm)");
  }
  if (run.threads < 0)
    return fail("thread count " + std::to_string(run.threads) + " is negative");
  std::unique_ptr<Session> s(new Session());
  s->compiler = std::make_unique<Compiler>(printDiagnostics);
  Compiler &c = *s->compiler;
  auto module = c.load(path);
  if (!module || failed(c.fuse(*module, opts)))
    return llvm::createStringError(c.errorText());
  s->sigs = collectSignatures(*module);
  if (failed(c.lower(*module, opts)))
    return llvm::createStringError(c.errorText());
  auto jit = JitModel::create(*module, opts.prefix, runtime);
  if (!jit)
    return fail(llvm::toString(jit.takeError()));
  s->jit = std::move(*jit);
  return s;
}

std::string Session::isa() const {
  const char *name = qcc_rt_isa_name(jit->isa());
  return name ? name : "unknown";
}

int Session::threads() const { return jit->threads(); }

const std::vector<std::string> &Session::diagnostics() const {
  return compiler->diagnostics();
}

const FunctionSignature *Session::function(llvm::StringRef name) const {
  for (const auto &f : sigs)
    if (f.name == name)
      return &f;
  return nullptr;
}

llvm::Error Session::run(llvm::StringRef name,
                         llvm::ArrayRef<const void *> inputs,
                         llvm::ArrayRef<void *> outputs) {
  const FunctionSignature *f = function(name);
  if (!f)
    return llvm::createStringError("no function @" + name.str());
  if (inputs.size() != f->inputs.size() || outputs.size() != f->outputs.size())
    return llvm::createStringError(
        "@" + name.str() + " takes " + std::to_string(f->inputs.size()) +
        " input(s) and " + std::to_string(f->outputs.size()) + " output(s)");
  return jit->run(name, inputs, outputs);
}

} // namespace qcc
