#include "compiler/Session.h"

#include "compiler/Compiler.h"
#include "compiler/Jit.h"

namespace qcc {

Session::Session() = default;
Session::~Session() = default;

llvm::Expected<std::unique_ptr<Session>>
Session::compile(const std::string &path, const CompileOptions &opts,
                 bool printDiagnostics) {
  std::unique_ptr<Session> s(new Session());
  s->compiler = std::make_unique<Compiler>(printDiagnostics);
  Compiler &c = *s->compiler;
  auto module = c.load(path);
  if (!module || failed(c.fuse(*module, opts)))
    return llvm::createStringError(c.errorText());
  s->sigs = collectSignatures(*module);
  if (failed(c.lower(*module, opts)))
    return llvm::createStringError(c.errorText());
  auto jit = JitModel::create(*module, opts.prefix);
  if (!jit)
    return jit.takeError();
  s->jit = std::move(*jit);
  return s;
}

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
