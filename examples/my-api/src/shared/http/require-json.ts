import type { RequestHandler } from 'express';
import { HttpError } from './http-error';

/** A request with a body must say it is JSON; otherwise express.json would silently leave the body empty. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && req.is('application/json') === false) {
    next(new HttpError(415, 'unsupported_media_type', 'Request body must be application/json'));
    return;
  }
  next();
};
