import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/*
 * Opaque secrets (refresh tokens, link tokens): 32 random bytes, base64url. The database keeps
 * only their SHA-256, so a copy of it signs no one in. A 256-bit random secret needs no slow
 * hash: there is nothing to guess.
 */

/** A new opaque secret (43 characters of base64url). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores and looks a secret up by. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** A key only the holder of `token` can derive (distinct from its stored hash). */
function sealingKey(token: string): Buffer {
  return createHash('sha256').update('taskwire-successor-seal\0').update(token, 'utf8').digest();
}

/**
 * Encrypts `secret` (AES-256-GCM) under a key derived from `token`: the successor of a spent
 * refresh token, which only a client that presents the spent token again can recover.
 */
export function sealWith(token: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(token), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

/** Opens what `sealWith(token, …)` sealed; null when it was sealed under another token or altered. */
export function openWith(token: string, sealed: string): string | null {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(token), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
