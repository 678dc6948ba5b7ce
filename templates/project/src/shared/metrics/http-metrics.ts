import type { IRoute, RequestHandler, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { DocumentedRoute } from '../http/api-router';
import { refusingBudget } from '../http/rate-limit';

/**
 * The route label of a request no declared route answered: an unknown path, a request refused before routing (the
 * global rate limit, an unreadable body), an undeclared page (development's /docs). One label, so that no client
 * can make a series per path it sends.
 */
export const UNMATCHED = '(unmatched)';

const STARTED = Symbol('started');

type TimedResponse = Response & { [STARTED]: number };

/**
 * RED metrics per route template: `http_request_duration_seconds{method, route, status_code}` (its `_count` is the
 * rate, the status codes the errors), observed once per response as it finishes; and the 429s of each rate-limit
 * budget, `rate_limit_rejections_total{budget}`.
 */
export class HttpMetrics {
  /**
   * `req.route` → its template (`/api/v1/orders/:id`), looked up by the route that answered: Express's
   * `req.baseUrl` holds the prefix as sent (ids too, below a parameter), and is reset when an error leaves a router.
   */
  private readonly templates = new Map<IRoute, string>();

  /** First in the app: the duration covers every middleware. A response cut off before its end is not counted. */
  readonly recordResponses: RequestHandler;

  constructor(registry: Registry) {
    const durations = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the request to the end of its response, by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      registers: [registry],
    });
    const rejections = new Counter({
      name: 'rate_limit_rejections_total',
      help: 'Requests refused with 429, by the rate-limit budget that was spent',
      labelNames: ['budget'] as const,
      registers: [registry],
    });
    const { templates } = this;
    // One listener for every response (called with the response as `this`): nothing is made per request.
    function recordResponse(this: TimedResponse): void {
      const { req, statusCode } = this;
      const route = templates.get(req.route as IRoute) ?? UNMATCHED;
      durations.observe(
        { method: req.method, route, status_code: statusCode },
        (performance.now() - this[STARTED]) / 1000,
      );
      const budget = statusCode === 429 ? refusingBudget(this) : undefined;
      if (budget !== undefined) rejections.inc({ budget });
    }
    this.recordResponses = (_req, res, next) => {
      (res as TimedResponse)[STARTED] = performance.now();
      res.on('finish', recordResponse);
      next();
    };
  }

  /** Labels the requests of these routes with their templates (every route the app declared). */
  nameRoutes(routes: readonly DocumentedRoute[]): void {
    for (const route of routes) this.templates.set(route.served, route.fullPath);
  }
}
