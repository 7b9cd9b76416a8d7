// The Node.js renderer that NodeRendererTest launches with IpcHost.launchProcess. It does what a Java renderer
// does and reports what it saw back to the main process, which checks it:
//   - sends node:values with values of every kind, and node:results with the outcome of its own calls
//     (sendSync answered, sendSync with no listener, invoke ok, invoke failed with and without a message);
//   - sends node:ask, which the main process answers with event.reply on main:reply;
//   - echoes what main:push and main:reply bring on node:pushed and node:replied;
//   - serves the main process's calls: renderer:add, renderer:echo (asynchronously), renderer:fail, and
//     renderer:wait, which answers only by reporting on node:cancelled when the call is cancelled;
//   - opens a child frame, which sends node:child with its id, echoes main:frame-reply on node:child-replied and
//     serves renderer:frame;
//   - on main:quit closes its side and exits with 0; on GOODBYE it exits with 0 too.

import { Duration, Float32, Float64, Instant, IpcEnum, IpcRecord } from './msgpack.mjs';
import { connect } from './ipc-renderer.mjs';

const ipc = await connect();

ipc.on('main:push', (event, ...args) => ipc.send('node:pushed', ...args));
ipc.on('main:reply', (event, ...args) => ipc.send('node:replied', ...args));
ipc.on('main:quit', () => ipc.close());
ipc.handle('renderer:add', (event, a, b) => a + b);
ipc.handle('renderer:echo', async (event, ...args) => {
  await new Promise((resolve) => setTimeout(resolve, 10)); // answers on a later turn of the event loop
  return args;
});
ipc.handle('renderer:fail', () => {
  throw new RangeError('renderer says no');
});
// Waits until the main process cancels it, then says how long the caller would still have waited.
ipc.handle('renderer:wait', (event) => new Promise((resolve) => {
  event.signal.addEventListener('abort', () => ipc.send('node:cancelled', event.deadline.getTime() - Date.now()));
}));

const values = [
  0, -1, 127, 128, -32, -33, 255, 65535, 65536, 2147483647, -2147483648, 4294967296, -2147483649,
  9223372036854775807n, 18446744073709551615n,
  1.5, new Float32(0.25), NaN, Infinity, new Float64(-0), new Float64(3),
  '', 'héllo ✓ 𝄞', 'x'.repeat(40), 'y'.repeat(300), 'z'.repeat(70000),
  Uint8Array.of(0, 1, 255), new Uint8Array(300).fill(7),
  true, false, null,
  [1, 'two', [3]], Array.from({ length: 20 }, (_, i) => i),
  new Map([['a', 1], [2, 'b']]), { title: 'plain object', n: 2 },
  Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])),
  new Instant(1700000000), new Instant(1700000000, 5), new Instant(-1, 0), new Instant(2 ** 34, 1),
  new IpcRecord('io.ipc4j.it.Note', {
    id: 7, title: 'from node', tags: ['a', 'b'], updated: new Instant(1700000000, 5),
    priority: new IpcEnum('io.ipc4j.it.Priority', 'HIGH'),
  }),
  new IpcRecord('org.example.Point', { x: 1, y: 2 }),
  new IpcEnum('org.example.Color', 'RED'),
  new Set([1, 2]), new Duration(90, 5),
];
ipc.send('node:values', ...values);

/** What a call ended with: its value, or its error's message. */
async function outcome(call) {
  try {
    return { value: await call };
  } catch (e) {
    return { error: e.message };
  }
}

const results = {
  sync: await outcome(ipc.sendSync('node:sync', 20, 22)),
  syncNobody: await outcome(ipc.sendSync('node:nobody')),
  invoke: await outcome(ipc.invoke('node:echo', 'ping', 1.25, [1, 2])),
  invokeFailed: await outcome(ipc.invoke('node:fail', 'no such note')),
  invokeFailedNoMessage: await outcome(ipc.invoke('node:fail', null)),
  invokeNobody: await outcome(ipc.invoke('node:nobody')),
};
ipc.send('node:ask', 'ping');
ipc.send('node:results', results, { pid: process.pid, rendererId: ipc.rendererId, processId: ipc.processId });

const child = await ipc.openFrame();
child.on('main:frame-reply', (event, ...args) => child.send('node:child-replied', ...args));
child.handle('renderer:frame', (event, ...args) => ['child', child.frameId, ...args]);
child.send('node:child', child.frameId);
