import { ConflictError, NotFoundError, UnauthorizedError } from '../../../shared/kernel/domain-error';

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

export class UserNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No user ${id}`, 'user_not_found');
  }
}

/** Another request changed the account after this one read it: saving would silently undo that change. */
export class UserChangedConcurrentlyError extends ConflictError {
  constructor(id: string) {
    super(`The account ${id} was changed by another request at the same time; try again`, 'user_changed');
  }
}

/** Told only to whoever gave the right password: the account kept changing while the login checked it. */
export class AccountChangedDuringLoginError extends ConflictError {
  constructor() {
    super('The account changed while logging in; try again', 'account_changed');
  }
}

/** Nobody could administer the service any more, and only the operator's command could bring that back. */
export class LastAdministratorError extends ConflictError {
  constructor() {
    super(
      'This is the only active administrator: make another account an administrator first ' +
        '(PUT /api/v1/users/{id}/roles, or npm run admin -- grant <email> where the service runs), then try again',
      'last_admin',
    );
  }
}
