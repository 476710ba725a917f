// Loaded into the server under soak (`node --expose-gc --import ./bench/soak-probe.mjs …`): answers
// the soak over the IPC channel. 'gc': a full garbage collection, then the process's memory figures;
// 'snapshot': a heap snapshot written into the directory given. Not part of the product.
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

process.on('message', (message) => {
  if (message?.probe === 'gc') {
    globalThis.gc();
    process.send({ id: message.id, memory: process.memoryUsage() });
  } else if (message?.probe === 'snapshot') {
    const file = writeHeapSnapshot(join(message.dir, `soak-${process.pid}-${message.label}.heapsnapshot`));
    process.send({ id: message.id, file });
  }
});
// The channel must not keep the server alive once it stops.
process.channel?.unref();
