import { type IRoute, type Request, type RequestHandler, type Response, Router } from 'express';
import type { z } from 'zod';
import type { Principal } from '../auth/access-tokens';
import { requirePrincipal } from './authenticate';
import { parseRequestPart } from './validate';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The error statuses the service answers, each an `application/problem+json` body. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

export interface ResponseDeclaration {
  readonly description: string;
  /** The JSON body; none for 204. */
  readonly body?: z.ZodType;
  /** Header name → what it carries. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Everything about one route, declared once: the router validates requests with these schemas and the OpenAPI
 * document is built from them, so what a route accepts cannot disagree with its document. What it answers is the
 * handler's: src/api-contract.test.ts checks every route's answers against the document.
 */
export interface RouteDeclaration {
  readonly method: HttpMethod;
  /** Express path below the router's base path, e.g. `/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** 'bearer': `authenticate` runs first (401 without a live access token) and the handler gets the principal. */
  readonly auth?: 'bearer';
  /** Further security schemes the route reads itself (e.g. the refresh cookie), by their name in the document. */
  readonly security?: readonly string[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Every status the route answers with a body of its own (its successes; readiness's 503). */
  readonly responses: Readonly<Record<number, ResponseDeclaration>>;
  /** Expected failures besides those the declaration implies (400 for inputs, 401 for bearer, 413/415 for bodies). */
  readonly problems?: readonly ProblemStatus[];
  /** Run before authentication and validation: rate limits. */
  readonly before?: readonly RequestHandler[];
}

type Parsed<D, K extends 'params' | 'query' | 'body'> =
  D extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;

/** What a handler receives: its validated inputs, and the principal on bearer routes. */
export type RouteInput<D extends RouteDeclaration> = {
  readonly params: Parsed<D, 'params'>;
  readonly query: Parsed<D, 'query'>;
  readonly body: Parsed<D, 'body'>;
} & (D extends { auth: 'bearer' } ? { readonly principal: Principal } : unknown);

export type RouteHandler<D extends RouteDeclaration> = (
  input: RouteInput<D>,
  req: Request,
  res: Response,
) => Promise<void> | void;

/** A route as the document describes it: its full path and the failures the app adds around it. */
export interface DocumentedRoute extends RouteDeclaration {
  readonly fullPath: string;
  readonly tag: string;
  readonly alsoAnswers: readonly ProblemStatus[];
  /** Express's route for it: `req.route` while it answers (the metrics name requests by its `fullPath`). */
  readonly served: IRoute;
}

export interface ApiRouterOptions {
  /** Groups the routes in the document (one per context). */
  readonly tag: string;
  /** Required when any route says `auth: 'bearer'`. */
  readonly authenticate?: RequestHandler;
}

function inputOf(declaration: RouteDeclaration, req: Request): Record<string, unknown> {
  const input: Record<string, unknown> = {
    params: declaration.params && parseRequestPart(declaration.params, req.params, 'params'),
    query: declaration.query && parseRequestPart(declaration.query, req.query, 'query'),
    body: declaration.body && parseRequestPart(declaration.body, req.body ?? {}, 'body'),
  };
  if (declaration.auth === 'bearer') input.principal = requirePrincipal(req);
  return input;
}

/** An Express router whose routes are declared (see RouteDeclaration) and so can be documented. */
export class ApiRouter {
  readonly router = Router();
  private readonly declarations: { readonly declaration: RouteDeclaration; readonly served: IRoute }[] = [];
  private readonly nested: { readonly prefix: string; readonly api: ApiRouter }[] = [];

  constructor(private readonly options: ApiRouterOptions) {}

  route<const D extends RouteDeclaration>(declaration: D, handler: RouteHandler<D>): this {
    const chain: RequestHandler[] = [...(declaration.before ?? [])];
    if (declaration.auth === 'bearer') chain.push(this.authenticate());
    const served = this.router.route(declaration.path);
    served[declaration.method](...chain, async (req: Request, res: Response) => {
      // Answered by the request deadline while it waited (for the rate limit, its body): the client was told to retry.
      if (res.headersSent) return;
      await handler(inputOf(declaration, req) as RouteInput<D>, req, res);
    });
    this.declarations.push({ declaration, served });
    return this;
  }

  /** Serves `api`'s routes below `prefix`, and documents them there. */
  nest(prefix: string, api: ApiRouter): this {
    this.router.use(prefix, api.router);
    this.nested.push({ prefix, api });
    return this;
  }

  /** The declared routes, mounted at `basePath`, where the app also answers `alsoAnswers` (e.g. its rate limit). */
  documented(basePath: string, alsoAnswers: readonly ProblemStatus[] = []): DocumentedRoute[] {
    const own = this.declarations.map(({ declaration, served }) => ({
      ...declaration,
      fullPath: `${basePath}${declaration.path === '/' ? '' : declaration.path}`,
      tag: this.options.tag,
      alsoAnswers,
      served,
    }));
    return [...own, ...this.nested.flatMap(({ prefix, api }) => api.documented(`${basePath}${prefix}`, alsoAnswers))];
  }

  private authenticate(): RequestHandler {
    const { authenticate } = this.options;
    if (authenticate === undefined) throw new Error(`${this.options.tag}: a bearer route needs \`authenticate\``);
    return authenticate;
  }
}
