// A stand-in for onnxruntime-node with its API's shape, for qcc-bench's
// tests of time_model.cjs and the paired benchmarks without ONNX Runtime:
// each run busy-waits 1 ms and returns ten zero floats. With
// FAKE_ONNXRUNTIME_REFUSE set, no session can be created; with
// FAKE_ONNXRUNTIME_HANG=N, the run after the first N of a process never
// returns (the script stuck, as a deadlocked library would leave it).
'use strict';

class Tensor {
  constructor(type, data, dims) {
    this.type = type;
    this.data = data;
    this.dims = dims;
  }
}

const kHangAfter = process.env.FAKE_ONNXRUNTIME_HANG === undefined ?
    Infinity :
    Number(process.env.FAKE_ONNXRUNTIME_HANG);

function hang() {
  // Blocks the thread without spinning, until the process is killed.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

class FakeSession {
  constructor() {
    this.runs = 0;
    this.inputNames = ['input'];
    this.outputNames = ['output'];
  }
  async run(feeds) {
    if (this.runs++ >= kHangAfter)
      hang();
    const end = process.hrtime.bigint() + 1000000n;
    while (process.hrtime.bigint() < end) {
    }
    return {output: new Tensor('float32', new Float32Array(10), [1, 10])};
  }
}

const InferenceSession = {
  async create(path, options) {
    if (process.env.FAKE_ONNXRUNTIME_REFUSE)
      throw new Error('fake refusal of ' + require('node:path').basename(path));
    return new FakeSession();
  },
};

module.exports = {Tensor, InferenceSession};
