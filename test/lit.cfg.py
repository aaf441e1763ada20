# lit configuration of qcc's FileCheck tests: passes, dialects, tools, e2e.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "qcc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qcc_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "unit", "lit.cfg.py",
                   "lit.site.cfg.py"]

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

config.substitutions.append(("%qcc_src", config.qcc_src_root))
config.substitutions.append(("%runtime_lib", config.qcc_runtime_lib))
config.substitutions.append(
    ("%runtime_include", os.path.join(config.qcc_src_root, "runtime", "include")))
config.substitutions.append(("%cc", config.c_compiler))
config.substitutions.append(("%cxx", config.cxx_compiler))

llvm_config.add_tool_substitutions(
    ["qcc", "qcc-opt", "qcc-conformance", "qcc-bench"], [config.qcc_tools_dir])
llvm_config.add_tool_substitutions(["mlir-translate"], [config.llvm_tools_dir])
