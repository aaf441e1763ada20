// RUN: qcc-opt %s --qcc-lower-to-runtime -split-input-file -verify-diagnostics -allow-unregistered-dialect
// RUN: not qcc-opt %s --qcc-lower-to-runtime=prefix= -split-input-file 2>&1 | FileCheck %s --check-prefix=PREFIX
// Every error of --qcc-lower-to-runtime.

// PREFIX: error: qcc-lower-to-runtime needs a non-empty prefix

// The runtime takes buffers of known size.
// expected-error @+1 {{cannot lower an argument or result of type 'tensor<?x4xf32>': qcc needs tensors of static shape}}
func.func @dynamic(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}

// -----

// expected-error @+1 {{cannot lower an argument or result of type 'i32': qcc needs tensors of static shape}}
func.func @scalar(%x: i32) -> i32 {
  return %x : i32
}

// -----

// Graphs are straight-line code.
// expected-error @+1 {{cannot lower a function of more than one block}}
func.func @blocks(%x: tensor<4xf32>) -> tensor<4xf32> {
  "test.br"() [^bb1] : () -> ()
^bb1:
  return %x : tensor<4xf32>
}

// -----

func.func @no_kernel(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{cannot lower 'test.sigmoid': the qcc runtime has no kernel for it}}
  %y = "test.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Weights are packed at load: they must be known when compiling.
func.func @runtime_weight(%x: tensor<1x2xi8>, %w: tensor<1x2xi8>) -> tensor<1x1xi8> {
  // expected-error @+1 {{cannot lower: the weight is not a constant}}
  %y = qint.fully_connected %x, %w {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>} : (tensor<1x2xi8>, tensor<1x2xi8>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

func.func @runtime_bias(%x: tensor<1x2xi8>, %b: tensor<1xi32>) -> tensor<1x1xi8> {
  %w = qint.constant dense<1> : tensor<1x2xi8>
  // expected-error @+1 {{cannot lower: the bias is not a constant}}
  %y = qint.fully_connected %x, %w, %b {input_zero_point = 0 : i32, weight_zero_points = array<i32: 0>, requant = #qint.requant<double_round, zp = 0, clamp = [-128, 127], multiplier = [1073741824], shift = [0]>} : (tensor<1x2xi8>, tensor<1x2xi8>, tensor<1xi32>) -> tensor<1x1xi8>
  return %y : tensor<1x1xi8>
}

// -----

func.func @float_linear_runtime_weight(%x: tensor<1x2xf32>, %w: tensor<1x2xf32>) -> tensor<1x1xf32> {
  // expected-error @+1 {{cannot lower this float linear: its weight is not a constant}}
  %y = qgraph.linear %x, %w : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}

// -----

func.func @float_linear_runtime_bias(%x: tensor<1x2xf32>, %b: tensor<1xf32>) -> tensor<1x1xf32> {
  %w = qgraph.constant dense<1.0> : tensor<1x2xf32>
  // expected-error @+1 {{cannot lower this float linear: its bias is not a constant}}
  %y = qgraph.linear %x, %w, %b : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}

// -----

// Each function's arena is planned above its callees': recursion has no bound.
// expected-error @+1 {{cannot lower a recursive function}}
func.func @recursive(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = call @recursive(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func private @external(tensor<4xf32>) -> tensor<4xf32>

func.func @calls_external(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{cannot lower a call to @external: not a function of this module}}
  %y = call @external(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @resource_constant() -> tensor<4xf32> {
  // expected-error @+1 {{cannot lower a constant that is not dense}}
  %c = qgraph.constant dense_resource<blob> : tensor<4xf32>
  %r = qgraph.relu %c : tensor<4xf32>
  return %r : tensor<4xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x04000000000000000000803F0000004000004040"
    }
  }
#-}
