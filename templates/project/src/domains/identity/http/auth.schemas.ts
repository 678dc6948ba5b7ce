import { z } from 'zod';
import { singleLine } from '../../../shared/http/schemas';
import { MAX_PASSWORD_LENGTH } from '../domain/password-policy';
import { userResponse } from './user-response';

const email = singleLine.max(254);

/** Strict objects: unknown keys are rejected, and every string is bounded. */
export const credentialsBody = z
  .strictObject({ email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .meta({ id: 'Credentials', examples: [{ email: 'ada@example.com', password: 'correct horse battery staple' }] });

export const changePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  })
  .meta({
    examples: [{ currentPassword: 'correct horse battery staple', newPassword: 'a new and longer passphrase' }],
  });

export const userBody = z.object({ user: userResponse }).meta({ id: 'UserBody' });

/** What logging in and refreshing answer; the refresh token goes in an HttpOnly cookie, never in the body. */
export const sessionBody = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires' }),
    user: userResponse.optional().meta({ description: 'On login only' }),
  })
  .meta({ id: 'Session' });
