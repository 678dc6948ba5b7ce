import { ConflictError, UnauthorizedError } from '../../../shared/kernel/domain-error';

export class EmailAlreadyRegisteredError extends ConflictError {
  constructor() {
    super('An account with this email already exists', 'email_taken');
  }
}

/** The same error for an unknown email and a wrong password, so that responses reveal no accounts. */
export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('Invalid email or password', 'invalid_credentials');
  }
}

export class InvalidRefreshTokenError extends UnauthorizedError {
  constructor() {
    super('Invalid, expired or revoked refresh token', 'invalid_refresh_token');
  }
}
