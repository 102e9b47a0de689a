import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './error-body.ts';

/** Names a browser on this machine uses for the server, whatever the port. */
const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];

/** Methods that change something; a browser sends their Origin, which must be ours. */
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestGuardOptions {
  /** Host names besides the loopback ones the server answers to; '*' answers any name. */
  allowedHosts: readonly string[];
}

/** A Host header: a name or an address in brackets, then maybe a port. */
const hostHeaderPattern = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** The host name of a Host header ("LocalHost.:8080" → "localhost"). */
function hostNameOf(host: string): string | undefined {
  const match = hostHeaderPattern.exec(host);
  return match ? match[1].toLowerCase().replace(/\.$/, '') : undefined;
}

/**
 * Whether a Host header names this server. A web page whose DNS name was re-pointed at
 * 127.0.0.1 (DNS rebinding) sends its own name here, so it is refused.
 */
export function isAllowedHost(host: string | undefined, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.includes('*')) return true;
  const name = host === undefined ? undefined : hostNameOf(host);
  if (name === undefined) return false;
  return [...loopbackNames, ...allowedHosts].some((allowed) => allowed.toLowerCase() === name);
}

/** Whether a request comes from a page of another site (its Origin is not this server's). */
export function isCrossSite(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== new URL(`http://${host}`).host;
  } catch {
    return true;
  }
}

function checkRequest(request: FastifyRequest, options: RequestGuardOptions): void {
  const { host, origin } = request.headers;
  if (!isAllowedHost(host, options.allowedHosts)) {
    throw new HttpError(
      403,
      'HOST_NOT_ALLOWED',
      `This server answers requests for localhost only, not for "${host ?? ''}".`,
      'Open Glimpse at http://127.0.0.1:<port>/, or start it with --host <name> to serve that name.',
    );
  }
  if (unsafeMethods.has(request.method) && isCrossSite(origin, host)) {
    throw new HttpError(
      403,
      'CROSS_SITE_REQUEST',
      `A page of ${origin} may not change anything in this Glimpse.`,
      "Use Glimpse's own pages, or call the API without an Origin header.",
    );
  }
}

/** Refuses requests for another host name and changes asked for by pages of other sites. */
export function registerRequestGuard(app: FastifyInstance, options: RequestGuardOptions): void {
  app.addHook('onRequest', async (request) => checkRequest(request, options));
}
