/**
 * Globals the server and the engine use that a browser web worker lacks, injected into the web
 * bundle only (scripts/build.mjs): `setImmediate` (the lint job and the project index yield to
 * the event loop) and `Buffer.from(text, 'base64' | 'base64url')`, the one use the engine makes of
 * Node's Buffer (engine/runtime.d.ts), decoded as Node decodes it: both alphabets, stopping at `=`,
 * skipping characters outside them, dropping leftover bits.
 */

/** Runs `fn` after the messages already queued (a MessageChannel round trip, not a 4 ms clamped timeout). */
export function setImmediate(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(undefined);
}

function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 71; // a-z
  if (c >= 48 && c <= 57) return c + 4; // 0-9
  if (c === 43 || c === 45) return 62; // + -
  if (c === 47 || c === 95) return 63; // / _
  return -1;
}

export const Buffer = {
  from(data: string, _encoding: 'base64' | 'base64url'): Uint8Array {
    const out = new Uint8Array(Math.floor((data.length * 3) / 4) + 3);
    let n = 0;
    let bits = 0;
    let acc = 0;
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c === 61) break; // '='
      const v = sextet(c);
      if (v < 0) continue;
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (acc >> bits) & 0xff;
      }
    }
    return out.subarray(0, n);
  },
};

declare class MessageChannel {
  readonly port1: { onmessage: ((e: unknown) => void) | null; close(): void };
  readonly port2: { postMessage(message: unknown): void };
}
