import { Writable } from 'node:stream';
import request from 'supertest';
import { signUp } from '../testing/accounts';
import { buildTestApp } from '../../testing/test-app';
import { createRootLogger, subsystemLogger } from './logger';

function captureLogs(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it('prefixes messages with the subsystem', () => {
    const { lines, stream } = captureLogs();
    subsystemLogger(createRootLogger({ level: 'info', pretty: false }, stream), 'db').info('connected');
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry.msg).toBe('[db] connected');
    expect(entry.subsystem).toBe('db');
  });

  it('never writes passwords, password hashes, tokens, cookies or Authorization headers', async () => {
    const { lines, stream } = captureLogs();
    const logger = createRootLogger({ level: 'trace', pretty: false }, stream);
    logger.info({ password: 'hunter2-password', body: { refreshToken: 'rt-secret' } }, 'direct');
    logger.info(
      { currentPassword: 'old-secret', body: { newPassword: 'new-secret', passwordHash: 'scrypt$h' } },
      'change',
    );
    const app = buildTestApp({ logger });
    const account = await signUp(app);
    await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${account.accessToken}`).expect(200);
    await request(app).post('/api/v1/auth/refresh').set('Cookie', account.refreshCookie).expect(200);

    const output = lines.join('');
    expect(output).toContain('[route]');
    for (const secret of [
      'hunter2-password',
      'rt-secret',
      'old-secret',
      'new-secret',
      'scrypt$h',
      account.password,
      account.accessToken,
      account.refreshCookie,
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
