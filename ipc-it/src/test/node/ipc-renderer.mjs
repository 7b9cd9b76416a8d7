// An ipc4j renderer for Node.js, written from docs/protocol.md alone: the handshake, the frames of section 2 and
// the session of section 3. It offers what Electron's ipcRenderer offers: send, sendSync (a promise here, since
// Node's event loop cannot block on a socket), invoke, on/once/off for the main process's messages, and handle
// for the main process's calls.

import fs from 'node:fs';
import net from 'node:net';
import { decode, encode } from './msgpack.mjs';

const VERSION = 3;
/** The bit of a PUSH's, REPLY's or CALL's type that says its payload is one byte array as it is, not an encoding. */
const AS_IS = 0x80;
const MAGIC = Buffer.from('IPC4J', 'ascii');
// The frame types of protocol.md section 2.
const {
  HELLO, WELCOME, SEND, SEND_SYNC, INVOKE, OPEN_FRAME, CALL_REPLY, CANCEL, PUSH, REPLY, CALL, CALL_CANCEL, GOODBYE,
} = {
  HELLO: 0x01, WELCOME: 0x02, SEND: 0x10, SEND_SYNC: 0x11, INVOKE: 0x12, OPEN_FRAME: 0x13, CALL_REPLY: 0x14,
  CANCEL: 0x15, PUSH: 0x20, REPLY: 0x21, CALL: 0x22, CALL_CANCEL: 0x23, GOODBYE: 0x30,
};
const MAIN_FRAME = 1;
const IPC_EXCEPTION = 'io.ipc4j.IpcException';

/** A call that failed on the other side, in the words of the Java side's IpcInvokeException. */
export class IpcInvokeError extends Error {
  constructor(channel, remoteType, remoteMessage) {
    super(`Error invoking remote method '${channel}': `
      + (remoteMessage == null ? remoteType : `${remoteType}: ${remoteMessage}`));
    this.name = 'IpcInvokeError';
    this.channel = channel;
    this.remoteType = remoteType;
    this.remoteMessage = remoteMessage;
  }
}

/** A frame: u32 length (of the type byte and the rest), the type byte, then the parts. */
function frame(type, ...parts) {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + body.length, 0);
  head[4] = type;
  return Buffer.concat([head, body]);
}

function i32(v) { const b = Buffer.alloc(4); b.writeInt32BE(v, 0); return b; }
function i64(v) { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(v), 0); return b; }
function u8(v) { return Buffer.from([v]); }
function str(s) { const utf8 = Buffer.from(s, 'utf8'); return Buffer.concat([i32(utf8.length), utf8]); }

/** Reads the fields of one received frame in order. */
class Fields {
  constructor(body) { this.body = body; this.pos = 0; }
  i32() { const v = this.body.readInt32BE(this.pos); this.pos += 4; return v; }
  i64() { const v = this.body.readBigInt64BE(this.pos); this.pos += 8; return v; }
  u8() { return this.body[this.pos++]; }
  str() { const n = this.i32(); const s = this.body.toString('utf8', this.pos, this.pos + n); this.pos += n; return s; }
  rest() { return this.body.subarray(this.pos); }
}

/**
 * One frame of the renderer: what Electron's ipcRenderer offers, for that frame. The main frame is the one
 * {@link connect} gives; {@link IpcRenderer#openFrame} asks the host for more.
 */
export class IpcRenderer {
  constructor(session, frameId) {
    this.session = session;
    this.frameId = frameId;
    this.rendererId = session.rendererId;
    /** The process id the host gave this renderer (not an OS pid). */
    this.processId = session.processId;
    this.listeners = new Map();
    this.handlers = new Map();
  }

  send(channel, ...args) {
    this.session.write(frame(SEND, i32(this.frameId), str(channel), encode(args)));
  }

  /** Resolves with the main process's return value; the host answers when a listener sets it. */
  sendSync(channel, ...args) {
    return this.session.call(channel, (id) => frame(SEND_SYNC, i64(id), i32(this.frameId), str(channel),
      encode(args)), false);
  }

  invoke(channel, ...args) {
    return this.session.call(channel, (id) => frame(INVOKE, i64(id), i32(this.frameId), str(channel),
      i64(this.session.defaultTimeoutMs), encode(args)), true);
  }

  /** Resolves with a new frame of this renderer, whose id the host chooses. */
  async openFrame() {
    const frameId = await this.session.call('(open frame)', (id) => frame(OPEN_FRAME, i64(id)), false);
    return this.session.frame(frameId);
  }

  on(channel, listener) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, []);
    this.listeners.get(channel).push(listener);
    return this;
  }

  once(channel, listener) {
    const wrapper = (event, ...args) => { this.off(channel, wrapper); listener(event, ...args); };
    return this.on(channel, wrapper);
  }

  off(channel, listener) {
    const list = this.listeners.get(channel) || [];
    const i = list.lastIndexOf(listener);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  handle(channel, handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel) {
    this.handlers.delete(channel);
  }

  /** Closes the whole renderer's side: see Session.close. */
  close() {
    return this.session.close();
  }

  /** Runs this frame's listeners for a PUSH. */
  emit(channel, args) {
    const event = { sender: this, channel, frameId: this.frameId };
    for (const listener of [...(this.listeners.get(channel) || [])]) {
      try {
        listener(event, ...args);
      } catch (e) {
        console.error(`Error occurred in listener for '${channel}':`, e);
      }
    }
  }
}

/** The connection to the host: calls in flight, the frames, and what the host sends. */
class Session {
  constructor(socket, welcome) {
    this.socket = socket;
    this.rendererId = welcome.rendererId;
    this.processId = welcome.processId;
    this.defaultTimeoutMs = Number(welcome.timeoutMillis);
    this.nextCallId = 1n;
    this.pending = new Map();
    this.calls = new Map(); // the CALLs being answered, by call id: their handlers' AbortControllers
    this.frames = new Map();
    this.closed = false;
    /** Runs once the session ends, for whatever reason; by default the process exits, as a renderer must. */
    this.onDisconnect = () => process.exit(0);
  }

  frame(frameId) {
    if (!this.frames.has(frameId)) this.frames.set(frameId, new IpcRenderer(this, frameId));
    return this.frames.get(frameId);
  }

  /** Sends a call with a fresh id, and settles when its REPLY comes or its deadline passes. */
  call(channel, build, cancellable) {
    if (this.closed) return Promise.reject(new Error(`The host is gone; '${channel}' was not sent`));
    const id = this.nextCallId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        if (cancellable) this.write(frame(CANCEL, i64(id))); // the host may stop the handler's work
        reject(new Error(`No reply on '${channel}' within ${this.defaultTimeoutMs} ms`));
      }, this.defaultTimeoutMs);
      this.pending.set(id, { channel, resolve, reject, timer });
      this.write(build(id));
    });
  }

  /** Closes this side: the host sees the connection end, and the process exits (within a second, for a clean exit). */
  close() {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }

  write(bytes) {
    if (!this.closed) this.socket.write(bytes);
  }

  receive(type, body) {
    const f = new Fields(body);
    const asIs = type === (PUSH | AS_IS) || type === (REPLY | AS_IS) || type === (CALL | AS_IS);
    switch (asIs ? type & ~AS_IS : type) {
      case PUSH: {
        const frameId = f.i32();
        const channel = f.str();
        const args = asIs ? [Buffer.from(f.rest())] : decode(f.rest());
        this.frames.get(frameId)?.emit(channel, args); // a frame it does not have has no listeners
        break;
      }
      case REPLY: {
        const id = f.i64();
        const ok = f.u8() === 1;
        const call = this.pending.get(id);
        if (!call) break; // a call that ended (its deadline passed): the reply is dropped
        this.pending.delete(id);
        clearTimeout(call.timer);
        if (asIs && !ok) throw new Error('the host sent a failed REPLY as it is');
        const value = asIs ? Buffer.from(f.rest()) : decode(f.rest());
        if (ok) {
          call.resolve(value);
        } else {
          call.reject(new IpcInvokeError(call.channel, value[0], value[1]));
        }
        break;
      }
      case CALL: {
        const id = f.i64();
        const frameId = f.i32();
        const channel = f.str();
        const deadline = new Date(Date.now() + Number(f.i64()));
        this.answer(id, this.frames.get(frameId), channel, deadline, asIs ? [Buffer.from(f.rest())] : decode(f.rest()));
        break;
      }
      case CALL_CANCEL: // the host stopped waiting: the handler's signal aborts; no answer is expected
        this.calls.get(f.i64())?.abort();
        break;
      case GOODBYE:
        this.end();
        break;
      default:
        throw new Error(`the host sent frame type 0x${type.toString(16)}`);
    }
  }

  /**
   * Runs the handler of a CALL and sends its CALL_REPLY: the value, or [type, message]. The handler's event has the
   * caller's deadline and an AbortSignal that CALL_CANCEL aborts.
   */
  async answer(id, target, channel, deadline, args) {
    const handler = target?.handlers.get(channel);
    const cancel = new AbortController();
    this.calls.set(id, cancel);
    let reply;
    try {
      if (!handler) {
        reply = [0, [IPC_EXCEPTION, `No handler registered for '${channel}'`]];
      } else {
        const event = { sender: target, channel, frameId: target.frameId, deadline, signal: cancel.signal };
        reply = [1, await handler(event, ...args)];
      }
      reply = frame(CALL_REPLY, i64(id), u8(reply[0]), encode(reply[1]));
    } catch (e) {
      const type = (e && e.constructor && e.constructor.name) || 'Error';
      const message = e instanceof Error ? (e.message === '' ? null : e.message) : String(e);
      reply = frame(CALL_REPLY, i64(id), u8(0), encode([type, message]));
    } finally {
      this.calls.delete(id);
    }
    if (!cancel.signal.aborted) this.write(reply); // a cancelled call's answer would be dropped
  }

  /** The session is over: pending calls fail at once, then onDisconnect runs. */
  end() {
    if (this.closed) return;
    this.closed = true;
    for (const [, call] of this.pending) {
      clearTimeout(call.timer);
      call.reject(new Error(`The host is gone; '${call.channel}' got no reply`));
    }
    this.pending.clear();
    this.socket.destroy();
    setImmediate(() => this.onDisconnect());
  }
}

/** Splits the incoming bytes into frames: each is a u32 length, a type byte and length - 1 more bytes. */
function reader(socket, onFrame) {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (buffered.length < 4 + length) break;
      const type = buffered[4];
      const body = buffered.subarray(5, 4 + length);
      buffered = buffered.subarray(4 + length);
      onFrame(type, body);
    }
  });
}

/**
 * Connects to the host named in this process's environment (IPC4J_ENDPOINT and IPC4J_TICKET) and handshakes.
 *
 * @returns {Promise<IpcRenderer>} the renderer's main frame, once the host has answered WELCOME
 */
export async function connect(env = process.env) {
  const endpoint = env.IPC4J_ENDPOINT;
  const ticket = env.IPC4J_TICKET;
  if (!endpoint || !ticket) throw new Error('IPC4J_ENDPOINT and IPC4J_TICKET are not set: no host launched this');
  const secret = fs.readFileSync(ticket);
  fs.rmSync(ticket, { force: true }); // the secret is good for one connection only
  const socket = endpoint.startsWith('unix:')
    ? net.createConnection({ path: endpoint.slice('unix:'.length) })
    : net.createConnection({ host: '127.0.0.1', port: Number(endpoint.slice('tcp:'.length)) });
  return new Promise((resolve, reject) => {
    let session = null;
    socket.once('error', reject);
    socket.on('error', () => {}); // after the handshake an error is followed by 'close', which ends the session
    socket.on('connect', () => {
      socket.write(frame(HELLO, MAGIC, Buffer.from([VERSION >> 8, VERSION & 0xff]), u8(secret.length), secret));
    });
    reader(socket, (type, body) => {
      if (session === null) {
        if (type !== WELCOME) throw new Error(`expected WELCOME, got frame type 0x${type.toString(16)}`);
        const f = new Fields(body);
        session = new Session(socket, {
          rendererId: f.i32(), processId: f.i32(), timeoutMillis: f.i64(), spinNanos: f.i64(),
        });
        socket.on('close', () => session.end());
        resolve(session.frame(MAIN_FRAME));
      } else {
        session.receive(type, body);
      }
    });
    socket.on('close', () => {
      if (session === null) reject(new Error('The host closed the connection during the handshake'));
    });
  });
}
