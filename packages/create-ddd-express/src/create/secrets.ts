import { randomBytes } from 'node:crypto';

export type SecretGenerator = () => string;

/** 48 random bytes: well above the 256 bits HS256 needs, URL-safe so it survives any .env parser unquoted. */
export const randomSecret: SecretGenerator = () => randomBytes(48).toString('base64url');

const SECRET_LINE = /^(JWT_[A-Z0-9_]*SECRET)=.*$/gm;

/** `.env.example` ships placeholders; every `JWT_…SECRET=` line gets its own fresh value for `.env`. */
export function injectSecrets(envExample: string, generate: SecretGenerator): string {
  return envExample.replace(SECRET_LINE, (_line, name: string) => `${name}=${generate()}`);
}
