# QCC_ISA_PATHS: the runtime's instruction-set paths this machine runs,
# found by running the runtime's own CPU detection at configure time, so
# that ctest checks each of them and no test runs a path the CPU lacks.
set(_dir ${CMAKE_BINARY_DIR}/detect-isa)
file(WRITE ${_dir}/main.cpp [=[
#include "cpu/CpuFeatures.h"
#include <cstdio>
int main() {
  const qcc::rt::CpuFeatures &f = qcc::rt::cpuFeatures();
  std::printf("reference");
  if (f.avx2) std::printf(";avx2");
  if (f.avxVnni) std::printf(";avx-vnni");
  if (f.avx512Vnni) std::printf(";avx512-vnni");
  if (f.amx) std::printf(";amx");
  return 0;
}
]=])
try_run(_run _compile ${_dir}
  SOURCES ${_dir}/main.cpp ${PROJECT_SOURCE_DIR}/runtime/src/cpu/CpuFeatures.cpp
  CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${PROJECT_SOURCE_DIR}/runtime/src"
  COMPILE_OUTPUT_VARIABLE _compile_output
  RUN_OUTPUT_VARIABLE _paths)
if(NOT _compile OR NOT _run EQUAL 0)
  message(WARNING "Cannot detect the CPU's instruction sets; testing the "
                  "reference path only.\n${_compile_output}")
  set(_paths reference)
endif()
set(QCC_ISA_PATHS ${_paths} CACHE INTERNAL "instruction-set paths to test")
message(STATUS "Instruction-set paths tested: ${QCC_ISA_PATHS}")
