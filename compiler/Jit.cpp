#include "compiler/Jit.h"

#include "qcc/runtime/qcc_runtime.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ExecutionEngine/Orc/AbsoluteSymbols.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/TargetSelect.h"

namespace qcc {

llvm::Expected<std::unique_ptr<JitModel>>
JitModel::create(mlir::ModuleOp module, const std::string &prefix,
                 const qcc_rt_options &options) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  auto llvmContext = std::make_unique<llvm::LLVMContext>();
  auto llvmModule = mlir::translateModuleToLLVMIR(module, *llvmContext);
  if (!llvmModule)
    return llvm::createStringError("cannot translate the module to LLVM IR");

  auto jit = llvm::orc::LLJITBuilder().create();
  if (!jit)
    return jit.takeError();

  // Compiled code calls the runtime linked into this process; resolve its
  // entry points by address, not through the dynamic symbol table.
  llvm::orc::SymbolMap symbols;
  for (const qcc_rt_symbol *s = qcc_rt_symbols(); s->name; ++s)
    symbols[(*jit)->mangleAndIntern(s->name)] = {
        llvm::orc::ExecutorAddr::fromPtr(s->address),
        llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
  if (auto err = (*jit)->getMainJITDylib().define(
          llvm::orc::absoluteSymbols(std::move(symbols))))
    return err;

  llvmModule->setDataLayout((*jit)->getDataLayout());
  if (auto err = (*jit)->addIRModule(llvm::orc::ThreadSafeModule(
          std::move(llvmModule), std::move(llvmContext))))
    return err;

  auto info = (*jit)->lookup(prefix + "model");
  if (!info)
    return info.takeError();
  qcc_rt_context *context = qcc_rt_context_create_with(
      info->toPtr<const qcc_rt_model_info *>(), &options);
  if (!context)
    return llvm::createStringError(std::string("runtime refused the model: ") +
                                   qcc_rt_last_error());

  std::unique_ptr<JitModel> model(new JitModel());
  model->jit = std::move(*jit);
  model->context = context;
  model->prefix = prefix;
  return model;
}

JitModel::~JitModel() { qcc_rt_context_destroy(context); }

llvm::Error JitModel::run(llvm::StringRef function,
                          llvm::ArrayRef<const void *> inputs,
                          llvm::ArrayRef<void *> outputs) {
  auto entry = jit->lookup(prefix + function.str() + "_packed");
  if (!entry)
    return entry.takeError();
  std::vector<void *> pointers;
  for (const void *p : inputs)
    pointers.push_back(const_cast<void *>(p));
  for (void *p : outputs)
    pointers.push_back(p);
  auto *fn = entry->toPtr<void (*)(qcc_rt_context *, void **)>();
  fn(context, pointers.data());
  return llvm::Error::success();
}

} // namespace qcc
