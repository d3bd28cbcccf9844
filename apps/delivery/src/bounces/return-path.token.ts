import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_BYTES = 10;
const MAC_BYTES = 10;
/** 20 bytes in base32: 32 characters, so `bounces+<token>` stays far below the 64-character limit of a local part. */
export const TOKEN_LENGTH = ((ID_BYTES + MAC_BYTES) * 8) / 5;

/**
 * The VERP token of one message: a short id (derived from the Message-ID, so retries of a message get the same
 * return path and a webhook that only knows the Message-ID finds the same record) followed by an HMAC of that id.
 * Lower-case base32, because some relays fold the case of local parts and "+" / "=" / "-" mean things to them.
 */
export class ReturnPathTokens {
  private readonly secret: Buffer;

  constructor(secret: string) {
    this.secret = Buffer.from(secret);
  }

  /** The record key of a message: what both a token and a Message-ID lead to. */
  static shortId(messageId: string): string {
    return base32(idBytes(messageId));
  }

  issue(messageId: string): string {
    const id = idBytes(messageId);
    return base32(Buffer.concat([id, this.mac(id)]));
  }

  /** The short id the token names, or null when it was not made with this secret (or is not a token at all). */
  verify(token: string): string | null {
    const bytes = fromBase32(token.toLowerCase());
    if (!bytes || bytes.length !== ID_BYTES + MAC_BYTES) return null;
    const id = bytes.subarray(0, ID_BYTES);
    return timingSafeEqual(bytes.subarray(ID_BYTES), this.mac(id)) ? base32(id) : null;
  }

  private mac(id: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(id).digest().subarray(0, MAC_BYTES);
  }
}

function idBytes(messageId: string): Buffer {
  return createHash('sha256').update(normalizeMessageId(messageId)).digest().subarray(0, ID_BYTES);
}

/** `<abc@host>` and `abc@host` name the same message. */
export function normalizeMessageId(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '');
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  if (text.length !== TOKEN_LENGTH) return null;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
