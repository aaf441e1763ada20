#ifndef QCC_PASSES
#define QCC_PASSES

include "mlir/Pass/PassBase.td"

def QccFoldWeightQuantization
    : Pass<"qcc-fold-weight-quantization", "::mlir::func::FuncOp"> {
  let summary = "Quantize constant weights and biases at compile time";
  let description = [{
    A `quantize` of a float constant becomes a quantized constant (ONNX
    QuantizeLinear rounding: half to even, saturating; per tensor or per
    axis). A float constant bias of a `linear` whose input and weight are
    dequantized becomes an int32 constant with scale `s_in * s_w` (per output
    channel when the weight is), zero point 0, rounded half to even.

    Before:
    ```mlir
    %wf = qgraph.constant dense<[[0.5, -0.25]]> : tensor<1x2xf32>
    %wq = qgraph.quantize %wf : tensor<1x2xf32> -> tensor<1x2x!quant.uniform<i8:f32, 0.125>>
    %w = qgraph.dequantize %wq : tensor<1x2x!quant.uniform<i8:f32, 0.125>> -> tensor<1x2xf32>
    %b = qgraph.constant dense<[0.3]> : tensor<1xf32>
    %y = qgraph.linear %x, %w, %b : (tensor<4x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<4x1xf32>
    ```
    After (with `%x` dequantized at scale 0.5):
    ```mlir
    %wq = qgraph.constant dense<[[4, -2]]> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.125>>
    %w = qgraph.dequantize %wq : ...
    %bq = qgraph.constant dense<5> : tensor<1xi32> -> tensor<1x!quant.uniform<i32:f32, 0.0625>>
    %b = qgraph.dequantize %bq : ...
    %y = qgraph.linear %x, %w, %b : ...
    ```
    A bias that does not fit in int32 at that scale is left as it is, with a
    warning.
  }];
  let dependentDialects = ["::qcc::qgraph::QGraphDialect"];
}

def QccFuseQdq : Pass<"qcc-fuse-qdq", "::mlir::func::FuncOp"> {
  let summary = "Fuse dequantize -> op -> quantize groups into qint operations";
  let description = [{
    Replaces `dequantize -> linear [-> relu] -> quantize` by
    `qint.fully_connected`, with per-tensor or per-channel weights. The fused
    op spells out the arithmetic: zero points, the int32 bias, and a
    `#qint.requant` with multiplier and shift per output channel for
    `real = s_in * s_w[n] / s_out` (derived in double), the rounding rule of
    the `numerics` option, and clamp bounds (a ReLU raises the lower bound to
    the output zero point). Quantized values enter and leave `qint` through
    `qint.storage_cast`, which folds away between two fused ops.

    Before:
    ```mlir
    %x = qgraph.dequantize %xq : tensor<4x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4x2xf32>
    %y = qgraph.linear %x, %w, %b : (tensor<4x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<4x1xf32>
    %r = qgraph.relu %y : tensor<4x1xf32>
    %q = qgraph.quantize %r : tensor<4x1xf32> -> tensor<4x1x!quant.uniform<u8:f32, 0.25:10>>
    ```
    After:
    ```mlir
    %xi = qint.storage_cast %xq : tensor<4x2x!quant.uniform<u8:f32, 0.5:128>> to tensor<4x2xui8>
    %wi = qint.constant dense<[[4, -2]]> : tensor<1x2xi8>
    %bi = qint.constant dense<5> : tensor<1xi32>
    %yi = qint.fully_connected %xi, %wi, %bi {input_zero_point = 128 : i32,
        weight_zero_points = array<i32: 0>,
        requant = #qint.requant<double_round, zp = 10, clamp = [10, 255],
                                multiplier = [1073741824], shift = [-1]>}
        : (tensor<4x2xui8>, tensor<1x2xi8>, tensor<1xi32>) -> tensor<4x1xui8>
    %q = qint.storage_cast %yi : tensor<4x1xui8> to tensor<4x1x!quant.uniform<u8:f32, 0.25:10>>
    ```
    A `linear` that cannot be fused stays, with a `qcc.not_fused` attribute
    saying why, for `--qcc-verify-integer-only` and `qcc explain` to report.
  }];
  let options = [
    Option<"numerics", "numerics", "std::string", /*default=*/"\"int\"",
           "Requantization rule: int (double rounding, TFLite reference), "
           "int-single-round, or onnx (float32 scale, round half to even, "
           "as ONNX Runtime; not integer-only)">
  ];
  let dependentDialects = ["::qcc::qint::QIntDialect"];
}

def QccOutlineIntegerCore
    : Pass<"qcc-outline-integer-core", "::mlir::ModuleOp"> {
  let summary = "Split each function into an integer core and a float wrapper";
  let description = [{
    A model takes float tensors and quantizes them first; it dequantizes its
    results last. This pass moves those boundary conversions out: `@f_core`
    takes and returns the quantized tensors, and `@f` keeps the original
    signature, quantizes, calls `@f_core` and dequantizes. The core is what
    must be integer-only; the wrapper is marked `qcc.io_wrapper`.

    Before:
    ```mlir
    func.func @f(%x: tensor<4x2xf32>) -> tensor<4x1xf32> {
      %xq = qgraph.quantize %x : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<u8:f32, 0.5:128>>
      ...
      %y = qgraph.dequantize %q : tensor<4x1x!quant.uniform<u8:f32, 0.25:10>> -> tensor<4x1xf32>
      return %y : tensor<4x1xf32>
    }
    ```
    After:
    ```mlir
    func.func @f_core(%xq: tensor<4x2x!quant.uniform<u8:f32, 0.5:128>>)
        -> tensor<4x1x!quant.uniform<u8:f32, 0.25:10>>
        attributes {qcc.integer_core_of = "f"} {
      ...
      return %q : tensor<4x1x!quant.uniform<u8:f32, 0.25:10>>
    }
    func.func @f(%x: tensor<4x2xf32>) -> tensor<4x1xf32> attributes {qcc.io_wrapper} {
      %xq = qgraph.quantize %x : ...
      %q = call @f_core(%xq) : ...
      %y = qgraph.dequantize %q : ...
      return %y : tensor<4x1xf32>
    }
    ```
    An argument used by anything but a `quantize`, or a result that is not
    a `dequantize`, stays a float in the core's signature.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def QccVerifyIntegerOnly
    : Pass<"qcc-verify-integer-only", "::mlir::ModuleOp"> {
  let summary = "Report every operation that computes in float";
  let description = [{
    Checks each function except the `qcc.io_wrapper` boundary wrappers: every
    operation must be a `qint` operation with an integer rounding rule (or a
    constant, call or return). Each float operation, leftover quantize or
    dequantize, and float requantization epilogue (`numerics=onnx`) is
    reported at its location with the reason it was not fused. The report is
    a warning; with `strict` it is an error and the pass fails.

    ```mlir
    // expected-warning @+1 {{'qgraph.linear' computes in float: not fused: weight is not a quantized constant}}
    %y = qgraph.linear %x, %w : (tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
    ```
  }];
  let options = [
    Option<"strict", "strict", "bool", /*default=*/"false",
           "Report float operations as errors and fail">
  ];
}

def QccLowerToRuntime : Pass<"qcc-lower-to-runtime", "::mlir::ModuleOp"> {
  let summary = "Lower tensor functions to calls into the qcc runtime's C ABI";
  let description = [{
    Plans every intermediate tensor into one arena (offsets chosen once, by
    liveness, 64-byte aligned), turns constants and operation parameters
    into LLVM globals laid out as the runtime's descriptor structs
    (`qcc_runtime.h`), and rewrites each function into one taking a runtime
    context and one pointer per input and output:

    ```mlir
    func.func @f_core(%x: tensor<4x2xui8>) -> tensor<4x1xui8>
    ```
    becomes
    ```mlir
    llvm.mlir.global internal constant @__qcc_f_core_op0() : !llvm.struct<"qcc_rt_fc_desc", (...)>
    func.func @qcc_f_core(%ctx: !llvm.ptr, %x: !llvm.ptr, %y: !llvm.ptr) {
      %d = llvm.mlir.addressof @__qcc_f_core_op0 : !llvm.ptr
      call @qcc_rt_fully_connected(%ctx, %d, %x, %y) : (!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> ()
      return
    }
    llvm.mlir.global external constant @qcc_model() : !llvm.struct<"qcc_rt_model_info", (...)>
    ```
    Also emits `@<prefix><f>_packed(%ctx, %args)`, taking the same pointers
    as an array, for a JIT to call any signature. The module's descriptor
    `@<prefix>model` lists every operation and the arena size.
  }];
  let options = [
    Option<"prefix", "prefix", "std::string", /*default=*/"\"qcc_\"",
           "Prefix of every exported symbol">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::func::FuncDialect"];
}

def QccLowerToLLVM : Pass<"qcc-lower-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Convert the runtime-call form to the LLVM dialect";
  let description = [{
    Converts `func` and `arith` to the LLVM dialect, after which the module
    translates to LLVM IR for the JIT or an object file.

    ```mlir
    func.func @qcc_f(%ctx: !llvm.ptr) { call @g(%ctx) : (!llvm.ptr) -> () return }
    ```
    becomes
    ```mlir
    llvm.func @qcc_f(%ctx: !llvm.ptr) { llvm.call @g(%ctx) : (!llvm.ptr) -> () llvm.return }
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // QCC_PASSES
