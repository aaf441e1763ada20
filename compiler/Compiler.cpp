#include "compiler/Compiler.h"

#include "compiler/Registration.h"
#include "compiler/onnx/OnnxImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace qcc {

/// "file:line:col" for a source position, the node name for a named
/// location (ONNX node names become these), the innermost known otherwise.
static void printLocation(Location loc, llvm::raw_ostream &os) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    os << name.getName().strref();
    return;
  }
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    os << file.getFilename().strref() << ":" << file.getLine() << ":"
       << file.getColumn();
    return;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc);
      fused && !fused.getLocations().empty())
    return printLocation(fused.getLocations().front(), os);
  if (auto call = dyn_cast<CallSiteLoc>(loc))
    return printLocation(call.getCallee(), os);
  if (isa<UnknownLoc>(loc)) {
    os << "qcc";
    return;
  }
  os << loc;
}

Compiler::Compiler(bool printDiagnostics) {
  DialectRegistry registry;
  registerDialects(registry);
  ctx = std::make_unique<MLIRContext>(registry);
  ctx->loadAllAvailableDialects();
  // Small graphs: determinism of the diagnostics' order matters more.
  ctx->disableMultithreading();
  ctx->printOpOnDiagnostic(false);
  collector = std::make_unique<ScopedDiagnosticHandler>(
      ctx.get(), [this, printDiagnostics](Diagnostic &diag) {
        std::string text;
        llvm::raw_string_ostream os(text);
        printLocation(diag.getLocation(), os);
        switch (diag.getSeverity()) {
        case DiagnosticSeverity::Error:
          os << ": error: ";
          break;
        case DiagnosticSeverity::Warning:
          os << ": warning: ";
          break;
        case DiagnosticSeverity::Remark:
          os << ": remark: ";
          break;
        case DiagnosticSeverity::Note:
          os << ": note: ";
          break;
        }
        os << diag;
        for (const Diagnostic &note : diag.getNotes()) {
          os << "\n";
          printLocation(note.getLocation(), os);
          os << ": note: " << note;
        }
        if (printDiagnostics)
          llvm::errs() << text << "\n";
        messages.push_back(text);
        if (diag.getSeverity() == DiagnosticSeverity::Error)
          errors.push_back(text);
        return success();
      });
}

Compiler::~Compiler() = default;

std::string Compiler::errorText() const {
  std::string all;
  for (const auto &e : errors)
    all += (all.empty() ? "" : "\n") + e;
  return all.empty() ? "compilation failed" : all;
}

OwningOpRef<ModuleOp> Compiler::load(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path);
  if (!buffer) {
    emitError(UnknownLoc::get(ctx.get()))
        << "cannot read '" << path << "': " << buffer.getError().message();
    return nullptr;
  }
  if (path.ends_with(".onnx"))
    return onnx::importOnnxFile(path, ctx.get());
  if (!path.ends_with(".mlir") && path != "-") {
    emitError(UnknownLoc::get(ctx.get()))
        << "cannot load '" << path << "': qcc reads .onnx and .mlir models";
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(ctx.get()));
}

LogicalResult Compiler::fuse(ModuleOp module, const CompileOptions &opts,
                             bool verify) {
  PassManager pm(ctx.get());
  buildFusionPipeline(pm, opts, verify);
  return pm.run(module);
}

LogicalResult Compiler::lower(ModuleOp module, const CompileOptions &opts) {
  PassManager pm(ctx.get());
  buildLoweringPipeline(pm, opts);
  return pm.run(module);
}

} // namespace qcc
