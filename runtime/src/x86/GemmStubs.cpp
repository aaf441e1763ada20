#include "gemm/Gemm.h"
namespace qcc::rt {
const GemmKernels *gemmKernelsAvxVnni() { return nullptr; }
const GemmKernels *gemmKernelsAvx2() { return nullptr; }
}
