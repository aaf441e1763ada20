#ifndef QCC_QGRAPH_DIALECT
#define QCC_QGRAPH_DIALECT

include "mlir/IR/OpBase.td"

def QGraph_Dialect : Dialect {
  let name = "qgraph";
  let cppNamespace = "::qcc::qgraph";
  let summary = "Float tensor graphs with quantize/dequantize nodes (QDQ form)";
  let description = [{
    The form in which PyTorch and ONNX quantizers hand over a quantized model:
    float operations on `f32` tensors, with `qgraph.quantize` and
    `qgraph.dequantize` marking where values are held as integers. Quantized
    values use MLIR's `!quant.uniform` types, per tensor or per axis. qcc's
    passes fold the weights, recognise `dequantize -> op -> quantize` groups and
    replace them with integer-only `qint` operations.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
}

class QGraph_Op<string mnemonic, list<Trait> traits = []>
    : Op<QGraph_Dialect, mnemonic, traits>;

#endif // QCC_QGRAPH_DIALECT
