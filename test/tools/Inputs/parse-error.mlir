func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %y = qgraph.relu %x : tensor<2x4xf32>
  return %y
}
