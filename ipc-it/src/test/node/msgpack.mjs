// Values on the ipc4j wire (docs/protocol.md, section 4): MessagePack with the standard timestamp extension and
// ipc4j's application extensions. Written from that page alone, for the Node.js renderer.
//
// JavaScript has one number type, so some MessagePack kinds get a wrapper to survive a round trip:
// a float32 decodes as Float32, an integral float64 (3.0, -0.0) as Float64, an int beyond 2^53 as a BigInt.
// Extensions with no JavaScript counterpart (a character, a big decimal, a UUID...) decode as Ext and encode
// back byte for byte.

/** A MessagePack float32. */
export class Float32 {
  constructor(value) { this.value = value; }
}

/** A float64 whose value is integral, so that it is not sent as an int. */
export class Float64 {
  constructor(value) { this.value = value; }
}

/** A timestamp (extension -1): seconds since the epoch (a number or BigInt) and nanoseconds. */
export class Instant {
  constructor(seconds, nanos = 0) { this.seconds = seconds; this.nanos = nanos; }
}

/** A record (extension 6): its type name and a Map of component name to value. */
export class IpcRecord {
  constructor(typeName, components) {
    this.typeName = typeName;
    this.components = components instanceof Map ? components : new Map(Object.entries(components));
  }
}

/** An enum constant (extension 7): its enum's type name and the constant's name. */
export class IpcEnum {
  constructor(typeName, name) { this.typeName = typeName; this.name = name; }
}

/** A duration (extension 8): seconds and nanoseconds (0 to 999,999,999). */
export class Duration {
  constructor(seconds, nanos = 0) { this.seconds = seconds; this.nanos = nanos; }
}

/** Any other extension: its type and its bytes. */
export class Ext {
  constructor(type, data) { this.type = type; this.data = data; }
}

const EXT_TIMESTAMP = -1;
const EXT_SET = 1;
const EXT_RECORD = 6;
const EXT_ENUM = 7;
const EXT_DURATION = 8;

// ---------------------------------------------------------------------------------------------- encoding

class Writer {
  constructor() {
    this.buf = Buffer.alloc(256);
    this.pos = 0;
  }

  room(n) {
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
  }

  u8(v) { this.room(1); this.buf[this.pos++] = v & 0xff; }
  u16(v) { this.room(2); this.buf.writeUInt16BE(v, this.pos); this.pos += 2; }
  u32(v) { this.room(4); this.buf.writeUInt32BE(v, this.pos); this.pos += 4; }
  raw(bytes) { this.room(bytes.length); this.buf.set(bytes, this.pos); this.pos += bytes.length; }

  bytes() { return this.buf.subarray(0, this.pos); }

  value(v) {
    if (v === null || v === undefined) {
      this.u8(0xc0);
    } else if (typeof v === 'boolean') {
      this.u8(v ? 0xc3 : 0xc2);
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && !Object.is(v, -0)) {
        this.int(BigInt(v));
      } else {
        this.float64(v);
      }
    } else if (typeof v === 'bigint') {
      this.int(v);
    } else if (typeof v === 'string') {
      this.str(v);
    } else if (v instanceof Uint8Array) {
      this.header(v.length, 0xc4, 0xc5, 0xc6, -1, -1);
      this.raw(v);
    } else if (Array.isArray(v)) {
      this.header(v.length, -1, 0xdc, 0xdd, 0x90, 16);
      for (const e of v) this.value(e);
    } else if (v instanceof Map) {
      this.map(v);
    } else if (v instanceof Set) {
      this.ext(EXT_SET, (w) => w.value([...v]));
    } else if (v instanceof Float32) {
      this.u8(0xca);
      this.room(4);
      this.buf.writeFloatBE(v.value, this.pos);
      this.pos += 4;
    } else if (v instanceof Float64) {
      this.float64(v.value);
    } else if (v instanceof Instant) {
      this.timestamp(v);
    } else if (v instanceof IpcRecord) {
      this.ext(EXT_RECORD, (w) => { w.str(v.typeName); w.map(v.components); });
    } else if (v instanceof IpcEnum) {
      this.ext(EXT_ENUM, (w) => { w.str(v.typeName); w.str(v.name); });
    } else if (v instanceof Duration) {
      this.ext(EXT_DURATION, (w) => { w.int(BigInt(v.seconds)); w.int(BigInt(v.nanos)); });
    } else if (v instanceof Ext) {
      this.extHeader(v.type, v.data.length);
      this.raw(v.data);
    } else if (typeof v === 'object') {
      this.map(new Map(Object.entries(v)));
    } else {
      throw new TypeError(`An object could not be cloned: ${typeof v}`);
    }
  }

  /** The header of a bin, array or map: a fix form (when fixBase >= 0 and n < fixLimit), else 8, 16 or 32 bits. */
  header(n, code8, code16, code32, fixBase, fixLimit) {
    if (fixBase >= 0 && n < fixLimit) {
      this.u8(fixBase | n);
    } else if (code8 >= 0 && n <= 0xff) {
      this.u8(code8);
      this.u8(n);
    } else if (n <= 0xffff) {
      this.u8(code16);
      this.u16(n);
    } else {
      this.u8(code32);
      this.u32(n);
    }
  }

  map(m) {
    this.header(m.size, -1, 0xde, 0xdf, 0x80, 16);
    for (const [k, val] of m) {
      this.value(k);
      this.value(val);
    }
  }

  str(s) {
    const utf8 = Buffer.from(s, 'utf8');
    this.header(utf8.length, 0xd9, 0xda, 0xdb, 0xa0, 32);
    this.raw(utf8);
  }

  float64(d) {
    this.u8(0xcb);
    this.room(8);
    this.buf.writeDoubleBE(d, this.pos);
    this.pos += 8;
  }

  /** An int in its smallest form. */
  int(n) {
    if (n >= 0n) {
      if (n <= 0x7fn) return this.u8(Number(n));
      if (n <= 0xffn) { this.u8(0xcc); return this.u8(Number(n)); }
      if (n <= 0xffffn) { this.u8(0xcd); return this.u16(Number(n)); }
      if (n <= 0xffffffffn) { this.u8(0xce); return this.u32(Number(n)); }
      if (n > 0xffffffffffffffffn) throw new RangeError(`${n} does not fit in 64 bits`);
      this.u8(0xcf);
      this.room(8);
      this.buf.writeBigUInt64BE(n, this.pos);
    } else {
      if (n >= -32n) return this.u8(Number(n) & 0xff);
      if (n >= -0x80n) { this.u8(0xd0); return this.u8(Number(n) & 0xff); }
      if (n >= -0x8000n) { this.u8(0xd1); return this.u16(Number(n) & 0xffff); }
      if (n >= -0x80000000n) { this.u8(0xd2); return this.u32(Number(n) >>> 0); }
      if (n < -0x8000000000000000n) throw new RangeError(`${n} does not fit in 64 bits`);
      this.u8(0xd3);
      this.room(8);
      this.buf.writeBigInt64BE(n, this.pos);
    }
    this.pos += 8;
  }

  extHeader(type, length) {
    const fixed = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 }[length];
    if (fixed !== undefined) {
      this.u8(fixed);
    } else {
      this.header(length, 0xc7, 0xc8, 0xc9, -1, -1);
    }
    this.u8(type);
  }

  /** An extension whose payload is MessagePack values that {@code fill} writes. */
  ext(type, fill) {
    const inner = new Writer();
    fill(inner);
    const data = inner.bytes();
    this.extHeader(type, data.length);
    this.raw(data);
  }

  timestamp(t) {
    const seconds = BigInt(t.seconds);
    const nanos = BigInt(t.nanos);
    if (seconds >> 34n === 0n) {
      const data = (nanos << 34n) | seconds;
      if (data >> 32n === 0n) {
        this.extHeader(EXT_TIMESTAMP, 4);
        this.u32(Number(data));
      } else {
        this.extHeader(EXT_TIMESTAMP, 8);
        this.room(8);
        this.buf.writeBigUInt64BE(data, this.pos);
        this.pos += 8;
      }
    } else {
      this.extHeader(EXT_TIMESTAMP, 12);
      this.u32(Number(nanos));
      this.room(8);
      this.buf.writeBigInt64BE(seconds, this.pos);
      this.pos += 8;
    }
  }
}

/** The MessagePack bytes of a value. */
export function encode(value) {
  const w = new Writer();
  w.value(value);
  return w.bytes();
}

// ---------------------------------------------------------------------------------------------- decoding

class Reader {
  constructor(bytes, start, end) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
  }

  need(n) {
    if (this.pos + n > this.end) throw new RangeError('malformed value: it ends too soon');
  }

  u8() { this.need(1); return this.buf[this.pos++]; }
  u16() { this.need(2); const v = this.buf.readUInt16BE(this.pos); this.pos += 2; return v; }
  u32() { this.need(4); const v = this.buf.readUInt32BE(this.pos); this.pos += 4; return v; }
  take(n) { this.need(n); const b = Buffer.from(this.buf.subarray(this.pos, this.pos + n)); this.pos += n; return b; }

  big(read) {
    this.need(8);
    const v = read.call(this.buf, this.pos);
    this.pos += 8;
    return v;
  }

  value() {
    const b = this.u8();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xe0) === 0xa0) return this.str(b & 0x1f);
    if ((b & 0xf0) === 0x90) return this.array(b & 0x0f);
    if ((b & 0xf0) === 0x80) return this.map(b & 0x0f);
    switch (b) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return this.take(this.u8());
      case 0xc5: return this.take(this.u16());
      case 0xc6: return this.take(this.u32());
      case 0xc7: return this.ext(this.u8());
      case 0xc8: return this.ext(this.u16());
      case 0xc9: return this.ext(this.u32());
      case 0xca: { this.need(4); const f = this.buf.readFloatBE(this.pos); this.pos += 4; return new Float32(f); }
      case 0xcb: {
        this.need(8);
        const d = this.buf.readDoubleBE(this.pos);
        this.pos += 8;
        return Number.isInteger(d) ? new Float64(d) : d;
      }
      case 0xcc: return this.u8();
      case 0xcd: return this.u16();
      case 0xce: return this.u32();
      case 0xcf: return narrow(this.big(Buffer.prototype.readBigUInt64BE));
      case 0xd0: { const v = this.u8(); return v > 0x7f ? v - 0x100 : v; }
      case 0xd1: { const v = this.u16(); return v > 0x7fff ? v - 0x10000 : v; }
      case 0xd2: { const v = this.u32(); return v | 0; }
      case 0xd3: return narrow(this.big(Buffer.prototype.readBigInt64BE));
      case 0xd4: return this.ext(1);
      case 0xd5: return this.ext(2);
      case 0xd6: return this.ext(4);
      case 0xd7: return this.ext(8);
      case 0xd8: return this.ext(16);
      case 0xd9: return this.str(this.u8());
      case 0xda: return this.str(this.u16());
      case 0xdb: return this.str(this.u32());
      case 0xdc: return this.array(this.u16());
      case 0xdd: return this.array(this.u32());
      case 0xde: return this.map(this.u16());
      case 0xdf: return this.map(this.u32());
      default: throw new RangeError(`malformed value: type byte 0x${b.toString(16)}`);
    }
  }

  str(n) {
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  array(n) {
    const a = [];
    for (let i = 0; i < n; i++) a.push(this.value());
    return a;
  }

  map(n) {
    const m = new Map();
    for (let i = 0; i < n; i++) {
      const k = this.value();
      m.set(k, this.value());
    }
    return m;
  }

  ext(length) {
    const type = (this.u8() << 24) >> 24; // the type byte is signed
    this.need(length);
    const end = this.pos + length;
    const inner = new Reader(this.buf, this.pos, end);
    let v;
    switch (type) {
      case EXT_TIMESTAMP: v = inner.timestamp(length); break;
      case EXT_SET: v = new Set(inner.value()); break;
      case EXT_RECORD: v = new IpcRecord(inner.value(), inner.value()); break;
      case EXT_ENUM: v = new IpcEnum(inner.value(), inner.value()); break;
      case EXT_DURATION: v = new Duration(inner.value(), inner.value()); break;
      default: inner.pos = end; v = new Ext(type, Buffer.from(this.buf.subarray(this.pos, end))); break;
    }
    if (inner.pos !== end) throw new RangeError(`malformed value: extension ${type} has bytes left over`);
    this.pos = end;
    return v;
  }

  timestamp(length) {
    if (length === 4) return new Instant(this.u32(), 0);
    if (length === 8) {
      const data = this.big(Buffer.prototype.readBigUInt64BE);
      return new Instant(Number(data & 0x3ffffffffn), Number(data >> 34n));
    }
    if (length === 12) {
      const nanos = this.u32();
      return new Instant(narrow(this.big(Buffer.prototype.readBigInt64BE)), nanos);
    }
    throw new RangeError(`malformed value: a timestamp of ${length} bytes`);
  }
}

/** A number where it is exact, else the BigInt. */
function narrow(n) {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** The one value that {@code bytes} holds; bytes after it are an error. */
export function decode(bytes) {
  const r = new Reader(bytes, 0, bytes.length);
  const v = r.value();
  if (r.pos !== bytes.length) throw new RangeError(`malformed value: ${bytes.length - r.pos} bytes after it`);
  return v;
}
