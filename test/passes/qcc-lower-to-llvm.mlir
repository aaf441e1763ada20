// RUN: qcc-opt %s --qcc-lower-to-llvm --split-input-file | FileCheck %s
// RUN: qcc-opt %s --qcc-lower-to-llvm --split-input-file | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR

// func becomes llvm; globals and pointer arithmetic stay as they are.
// CHECK-LABEL: llvm.func @qcc_rt_relu_f32(!llvm.ptr, i64, !llvm.ptr, !llvm.ptr)
// CHECK-LABEL: llvm.func @qcc_f(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: !llvm.ptr)
// CHECK: %[[N:.+]] = llvm.mlir.constant(4 : i64) : i64
// CHECK: llvm.call @qcc_rt_relu_f32(%arg0, %[[N]], %arg1, %arg2) : (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr) -> ()
// CHECK-NEXT: llvm.return
// IR: declare void @qcc_rt_relu_f32(ptr, i64, ptr, ptr)
// IR: define void @qcc_f(ptr %0, ptr %1, ptr %2)
// IR-NEXT: call void @qcc_rt_relu_f32(ptr %0, i64 4, ptr %1, ptr %2)
func.func private @qcc_rt_relu_f32(!llvm.ptr, i64, !llvm.ptr, !llvm.ptr)
func.func @qcc_f(%ctx: !llvm.ptr, %x: !llvm.ptr, %y: !llvm.ptr) {
  %n = llvm.mlir.constant(4 : i64) : i64
  call @qcc_rt_relu_f32(%ctx, %n, %x, %y) : (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr) -> ()
  return
}
