import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
  jwtVerify,
  SignJWT,
  calculateJwkThumbprint,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';

export const jwtAlgorithm = 'ES256';
export const jwtIssuer = 'taskwire-accounts';
export const jwtAudience = 'taskwire';

export interface SigningKeys {
  privateKey: Awaited<ReturnType<typeof importPKCS8>>;
  publicJwk: JWK & { kid: string };
}

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** Generates an ES256 key pair as PEM (PKCS#8 private, SPKI public). */
export async function generateKeyPairPem(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateKeyPair(jwtAlgorithm, { extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

/**
 * Reads the key pair from `dir` (jwt-private.pem / jwt-public.pem), generating it on first
 * use: the local default when JWT_PRIVATE_KEY / JWT_PUBLIC_KEY are not set.
 */
export async function ensureKeyFiles(dir: string): Promise<KeyPairPem> {
  const privatePath = path.join(dir, 'jwt-private.pem');
  const publicPath = path.join(dir, 'jwt-public.pem');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return { privateKeyPem: readFileSync(privatePath, 'utf8'), publicKeyPem: readFileSync(publicPath, 'utf8') };
  }
  const pair = await generateKeyPairPem();
  mkdirSync(dir, { recursive: true });
  writeFileSync(privatePath, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicPath, pair.publicKeyPem);
  return pair;
}

/** Imports PEM keys for signing; the key id is the public key's JWK thumbprint. */
export async function importSigningKeys(pair: KeyPairPem): Promise<SigningKeys> {
  const privateKey = await importPKCS8(pair.privateKeyPem, jwtAlgorithm);
  const publicKey = await importSPKI(pair.publicKeyPem, jwtAlgorithm, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicJwk: { ...jwk, kid, alg: jwtAlgorithm, use: 'sig' } };
}

/** The JWKS document served at /.well-known/jwks.json. */
export function jwksDocument(keys: SigningKeys): JSONWebKeySet {
  return { keys: [keys.publicJwk] };
}

/**
 * Signs a short-lived access token whose `sub` is the user id and, when given, whose `sid` is
 * the session it belongs to (so `signOut` and `sessions.current` know it).
 */
export async function signAccessToken(
  keys: SigningKeys,
  userId: string,
  {
    ttlSeconds = 900,
    now = new Date(),
    sessionId,
  }: { ttlSeconds?: number; now?: Date; sessionId?: string | undefined } = {},
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(sessionId ? { sid: sessionId } : {})
    .setProtectedHeader({ alg: jwtAlgorithm, kid: keys.publicJwk.kid, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(jwtIssuer)
    .setAudience(jwtAudience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(keys.privateKey);
}

export interface AuthClaims {
  userId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** The session the token belongs to (`sid`); absent in tokens minted without one (tests). */
  sessionId?: string;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export interface TokenVerifier {
  /** @throws InvalidTokenError when the token is malformed, expired, or not signed by our keys. */
  verify(token: string): Promise<AuthClaims>;
}

/**
 * Verifies tokens against a JWKS: a URL (cached; refetched when a token names an unknown
 * `kid`, with jose's cooldown) or a key set given in-process.
 */
export function createTokenVerifier(source: { jwksUrl: string } | { jwks: JSONWebKeySet }): TokenVerifier {
  const getKey: JWTVerifyGetKey =
    'jwksUrl' in source
      ? createRemoteJWKSet(new URL(source.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 5_000 })
      : createLocalJWKSet(source.jwks);
  return {
    async verify(token: string): Promise<AuthClaims> {
      try {
        const { payload } = await jwtVerify(token, getKey, {
          issuer: jwtIssuer,
          audience: jwtAudience,
          algorithms: [jwtAlgorithm],
        });
        if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
          throw new InvalidTokenError('token lacks sub or exp');
        }
        return {
          userId: payload.sub,
          exp: payload.exp,
          ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}),
        };
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        const code = (error as { code?: string }).code;
        const reason =
          code === 'ERR_JWT_EXPIRED' ? 'token expired' : `invalid token (${code ?? (error as Error).message})`;
        throw new InvalidTokenError(reason);
      }
    },
  };
}

/** Extracts the token of an `Authorization: Bearer <token>` value; null when absent or of another scheme. */
export function bearerToken(header: string | string[] | undefined | null): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1]! : null;
}

/**
 * The verifier a service uses: the PEM public key when configured (JWT_PUBLIC_KEY), else the
 * accounts service's JWKS (JWKS_URL).
 */
export async function createVerifierFromConfig(config: {
  jwtPublicKey?: string | undefined;
  jwksUrl: string;
}): Promise<TokenVerifier> {
  if (config.jwtPublicKey) {
    const publicKey = await importSPKI(config.jwtPublicKey, jwtAlgorithm, { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return createTokenVerifier({ jwks: { keys: [{ ...jwk, kid, alg: jwtAlgorithm, use: 'sig' }] } });
  }
  return createTokenVerifier({ jwksUrl: config.jwksUrl });
}
