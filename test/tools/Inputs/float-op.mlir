// A model whose second layer has a float weight that was never quantized:
// qcc cannot fuse it, runs it in float, and says so.
func.func @main(%x: tensor<2x4xf32> {qcc.name = "x"}) -> (tensor<2x3xf32> {qcc.name = "y"}) {
  %xq = qgraph.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> loc("x_quant")
  %xd = qgraph.dequantize %xq : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<2x4xf32> loc("x_dequant")
  %w1q = qgraph.constant dense<[[2, 0, -2, 1], [1, 1, 1, 1], [-4, 4, 0, 2], [3, -3, 3, -3]]> : tensor<4x4xi8> -> tensor<4x4x!quant.uniform<i8:f32, 0.25>> loc("fc1.weight")
  %w1 = qgraph.dequantize %w1q : tensor<4x4x!quant.uniform<i8:f32, 0.25>> -> tensor<4x4xf32> loc("fc1.weight_dequant")
  %h = qgraph.linear %xd, %w1 : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32> loc("fc1")
  %hq = qgraph.quantize %h : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 0.25:128>> loc("fc1_quant")
  %hd = qgraph.dequantize %hq : tensor<2x4x!quant.uniform<u8:f32, 0.25:128>> -> tensor<2x4xf32> loc("fc1_dequant")
  %w2 = qgraph.constant dense<[[0.5, -0.5, 1.0, 0.0], [0.25, 0.25, 0.25, 0.25], [-1.0, 0.0, 0.5, 2.0]]> : tensor<3x4xf32> loc("fc2.weight")
  %y = qgraph.linear %hd, %w2 : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32> loc("fc2")
  %yq = qgraph.quantize %y : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32, 0.25:100>> loc("fc2_quant")
  %yd = qgraph.dequantize %yq : tensor<2x3x!quant.uniform<u8:f32, 0.25:100>> -> tensor<2x3xf32> loc("y_dequant")
  return %yd : tensor<2x3xf32>
}
