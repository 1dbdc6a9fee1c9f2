// Runs an ONNX model in ONNX Runtime (onnxruntime-node) on an .npy input and writes its output as .npy; used by check.sh.
const ort = require('onnxruntime-node');
const fs = require('fs');
function readNpy(path) {
  const b = fs.readFileSync(path);
  const headerLen = b.readUInt16LE(8);
  const header = b.slice(10, 10 + headerLen).toString();
  const shape = header.match(/\(([^)]*)\)/)[1].split(',').map(s => s.trim()).filter(s => s).map(Number);
  return { shape, data: new Float32Array(b.buffer.slice(b.byteOffset + 10 + headerLen, b.byteOffset + b.length)) };
}
function writeNpy(path, dims, data) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims.join(', ')}${dims.length == 1 ? ',' : ''}), }`;
  while ((10 + header.length + 1) % 64 != 0) header += ' ';
  header += '\n';
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(prefix);
  prefix.writeUInt16LE(header.length, 8);
  fs.writeFileSync(path, Buffer.concat([prefix, Buffer.from(header), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}
(async () => {
  const [model, inputPath, outPath] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model);
  const input = readNpy(inputPath);
  const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input.data, input.shape) });
  const y = out[session.outputNames[0]];
  writeNpy(outPath, y.dims, y.data);
  console.log(`${model}: ${session.inputNames[0]} [${input.shape}] -> ${session.outputNames[0]} [${y.dims}]`);
})();
