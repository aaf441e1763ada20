func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %xq = qgraph.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 0.5:300>> loc("input_quant")
  %xd = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:300>> -> tensor<2x4xf32>
  return %xd : tensor<2x4xf32>
}
