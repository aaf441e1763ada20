// RUN: qcc-opt %s --qcc-lower-to-runtime --split-input-file | FileCheck %s
// RUN: qcc-opt %s --qcc-lower-to-runtime=prefix=net_ --split-input-file | FileCheck %s --check-prefix=PREFIX

// Two layers: the hidden tensor goes to the arena at offset 0, the result
// straight into the caller's output buffer. The descriptor holds the
// operation's parameters in the runtime's struct layout.
// CHECK-DAG: func.func private @qcc_rt_fully_connected(!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr)
// CHECK-DAG: func.func private @qcc_rt_arena(!llvm.ptr) -> !llvm.ptr
// CHECK-LABEL: func.func @qcc_mlp(
// CHECK-SAME: %[[CTX:.+]]: !llvm.ptr, %[[X:.+]]: !llvm.ptr, %[[Y:.+]]: !llvm.ptr)
// CHECK: %[[ARENA:.+]] = call @qcc_rt_arena(%[[CTX]]) : (!llvm.ptr) -> !llvm.ptr
// CHECK: %[[H:.+]] = llvm.getelementptr %[[ARENA]][0] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK: %[[D0:.+]] = llvm.mlir.addressof @__qcc_mlp_op3_fc : !llvm.ptr
// CHECK: call @qcc_rt_fully_connected(%[[CTX]], %[[D0]], %[[X]], %[[H]])
// CHECK: %[[D1:.+]] = llvm.mlir.addressof @__qcc_mlp_op4_fc : !llvm.ptr
// CHECK: call @qcc_rt_fully_connected(%[[CTX]], %[[D1]], %[[H]], %[[Y]])
// CHECK-NEXT: return
// CHECK-LABEL: llvm.mlir.global internal constant @__qcc_mlp_op3_weight(dense<1> : tensor<6xi8>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<6 x i8>
// CHECK-LABEL: llvm.mlir.global internal constant @__qcc_mlp_op3_bias(dense<[7, 8, 9]> : tensor<3xi32>)
// CHECK-LABEL: llvm.mlir.global internal constant @__qcc_mlp_op3_requant_multiplier(dense<1073741824> : tensor<1xi32>)
// The first layer's descriptor: kind 1, u8 x i8 -> u8 (1, 0, 1), M K N = 4 2 3,
// input zero point 128, requant: double rounding, per tensor, zp 10, clamp [10, 255].
// CHECK-LABEL: llvm.mlir.global internal constant @__qcc_mlp_op3_fc()
// CHECK-SAME: !llvm.struct<"qcc_rt_fc_desc", (i32, i32, i32, i32, i64, i64, i64, ptr, ptr, ptr, i32, i32, struct<"qcc_rt_requant", (i32, i32, ptr, ptr, ptr, i32, i32, i32, i32)>)>
// CHECK: %[[KIND:.+]] = llvm.mlir.constant(1 : i32)
// CHECK-NEXT: llvm.insertvalue %[[KIND]], %{{.+}}[0]
// CHECK: llvm.mlir.constant(4 : i64)
// CHECK: llvm.mlir.constant(2 : i64)
// CHECK: llvm.mlir.constant(3 : i64)
// CHECK: llvm.mlir.addressof @__qcc_mlp_op3_weight
// CHECK: llvm.mlir.addressof @__qcc_mlp_op3_bias
// CHECK: %[[IZP:.+]] = llvm.mlir.constant(128 : i32)
// CHECK-NEXT: llvm.insertvalue %[[IZP]], %{{.+}}[11]
// CHECK: %[[ZP:.+]] = llvm.mlir.constant(10 : i32)
// CHECK-NEXT: llvm.insertvalue %[[ZP]], %{{.+}}[12, 5]
// CHECK: %[[LO:.+]] = llvm.mlir.constant(10 : i32)
// CHECK-NEXT: llvm.insertvalue %[[LO]], %{{.+}}[12, 6]
// The packed entry for the JIT.
// CHECK-LABEL: func.func @qcc_mlp_packed(
// CHECK-COUNT-2: llvm.load
// CHECK: call @qcc_mlp(
// The model descriptor: ABI 3, two operations, a 12-byte arena.
// CHECK-LABEL: llvm.mlir.global external constant @qcc_model()
// CHECK: llvm.mlir.constant(3 : i32)
// CHECK: llvm.mlir.constant(2 : i32)
// CHECK: llvm.mlir.addressof @__qcc_ops
// CHECK: llvm.mlir.constant(12 : i64)
// PREFIX: func.func @net_mlp(
// PREFIX: llvm.mlir.global external constant @net_model()
func.func @mlp(%x: tensor<4x2xui8>) -> tensor<4x5xui8> {
  %b = qint.constant dense<[7, 8, 9]> : tensor<3xi32>
  %w = qint.constant dense<1> : tensor<3x2xi8>
  %w2 = qint.constant dense<2> : tensor<5x3xi8>
  %h = qint.fully_connected %x, %w, %b {input_zero_point = 128 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 10, clamp = [10, 255], multiplier = [1073741824], shift = [0]>} : (tensor<4x2xui8>, tensor<3x2xi8>, tensor<3xi32>) -> tensor<4x3xui8>
  %y = qint.fully_connected %h, %w2 {input_zero_point = 10 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [0, 255], multiplier = [1073741824], shift = [0]>} : (tensor<4x3xui8>, tensor<5x3xi8>) -> tensor<4x5xui8>
  return %y : tensor<4x5xui8>
}

// -----

// Liveness, largest buffers first: %b (48 bytes) at 0, %a (12 bytes) above
// it at 64, and %c (48 bytes) reuses %a's slot, dead by then; %d is the
// output. 112 bytes in all.
// CHECK-LABEL: func.func @qcc_reuse(
// CHECK: %[[A:.+]] = llvm.getelementptr %{{.+}}[64] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK: call @qcc_rt_quantize(%{{.+}}, %{{.+}}, %arg1, %[[A]])
// CHECK: %[[B:.+]] = llvm.getelementptr %{{.+}}[0] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK: call @qcc_rt_dequantize(%{{.+}}, %{{.+}}, %[[A]], %[[B]])
// CHECK: %[[C:.+]] = llvm.getelementptr %{{.+}}[64] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK: call @qcc_rt_clip_f32(%{{.+}}, %{{.+}}, %[[B]], %[[C]])
// CHECK: call @qcc_rt_clip_f32(%{{.+}}, %{{.+}}, %[[C]], %arg2)
// The quantize descriptor: kind 2, uint8, 12 elements, 1 channel, inner 1,
// storage range [0, 255].
// CHECK-LABEL: llvm.mlir.global internal constant @__qcc_reuse_op0_quantize()
// CHECK-SAME: !llvm.struct<"qcc_rt_quant_desc", (i32, i32, i64, i64, i64, ptr, ptr, i32, i32)>
// CHECK: llvm.mlir.constant(2 : i32)
// CHECK: llvm.mlir.constant(1 : i32)
// CHECK: llvm.mlir.constant(12 : i64)
// CHECK: llvm.mlir.constant(1 : i64)
// CHECK: llvm.mlir.constant(1 : i64)
// CHECK: llvm.mlir.addressof @__qcc_reuse_op0_scale
// CHECK: llvm.mlir.addressof @__qcc_reuse_op0_zero_point
// CHECK: llvm.mlir.constant(0 : i32)
// CHECK: llvm.mlir.constant(255 : i32)
// CHECK: llvm.mlir.global external constant @qcc_model()
// CHECK: llvm.mlir.constant(112 : i64)
func.func @reuse(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %a = qgraph.quantize %x : tensor<3x4xf32> -> tensor<3x4x!quant.uniform<u8:f32, 0.5:3>>
  %b = qgraph.dequantize %a : tensor<3x4x!quant.uniform<u8:f32, 0.5:3>> -> tensor<3x4xf32>
  %c = qgraph.relu %b : tensor<3x4xf32>
  %d = qgraph.relu %c : tensor<3x4xf32>
  return %d : tensor<3x4xf32>
}

// -----

// Returning an argument, a constant, or one value twice needs copies; a
// storage cast of an argument is the argument itself.
// CHECK-LABEL: func.func @qcc_copies(
// CHECK-SAME: %[[CTX:.+]]: !llvm.ptr, %[[A:.+]]: !llvm.ptr, %[[O0:.+]]: !llvm.ptr, %[[O1:.+]]: !llvm.ptr, %[[O2:.+]]: !llvm.ptr, %[[O3:.+]]: !llvm.ptr)
// CHECK-NOT: qcc_rt_arena
// CHECK: call @qcc_rt_clip_f32(%[[CTX]], %{{.+}}, %[[A]], %[[O2]])
// CHECK: call @qcc_rt_copy(%[[CTX]], %{{.+}}, %[[A]], %[[O0]])
// CHECK: %[[K:.+]] = llvm.mlir.addressof @__qcc_copies_op2_constant
// CHECK: call @qcc_rt_copy(%[[CTX]], %{{.+}}, %[[K]], %[[O1]])
// CHECK: call @qcc_rt_copy(%[[CTX]], %{{.+}}, %[[O2]], %[[O3]])
func.func @copies(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %k = qgraph.constant dense<1.0> : tensor<4xf32>
  %r = qgraph.relu %a : tensor<4xf32>
  return %a, %k, %r, %r : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// A caller's buffers lie above its callee's arena (64 bytes here), so that a
// call never overwrites them.
// CHECK-LABEL: func.func @qcc_callee(
// CHECK: llvm.getelementptr %{{.+}}[0]
// CHECK-LABEL: func.func @qcc_caller(
// CHECK: %[[T:.+]] = llvm.getelementptr %{{.+}}[64]
// CHECK: call @qcc_callee(%{{.+}}, %arg1, %[[T]])
// CHECK: call @qcc_rt_clip_f32(%{{.+}}, %{{.+}}, %[[T]], %arg2)
// CHECK: llvm.mlir.global external constant @qcc_model
// CHECK: llvm.mlir.constant(96 : i64)
func.func @caller(%a: tensor<8xf32>) -> tensor<8xf32> {
  %t = call @callee(%a) : (tensor<8xf32>) -> tensor<8xf32>
  %r = qgraph.relu %t : tensor<8xf32>
  return %r : tensor<8xf32>
}
func.func @callee(%a: tensor<8xf32>) -> tensor<8xf32> {
  %t = qgraph.relu %a : tensor<8xf32>
  %r = qgraph.relu %t : tensor<8xf32>
  return %r : tensor<8xf32>
}
