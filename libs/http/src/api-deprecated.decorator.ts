import { applyDecorators, Header } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export interface DeprecationOptions {
  /** When the operation was deprecated (ISO date, e.g. '2027-01-15'). */
  since: string;
  /** When it stops working (ISO date): at least one minor release and 90 days after `since`. */
  sunset: string;
  /** What to use instead (a URL or path, sent as `Link: <...>; rel="successor-version"`). */
  successor?: string;
}

/** The document extension that carries the dates to `addSharedResponses`, which marks the operation deprecated. */
export const SUNSET_EXTENSION = 'x-sunset';

const date = (iso: string, name: string) => {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) throw new Error(`ApiDeprecated: ${name} is not a date: ${iso}`);
  return parsed;
};

/**
 * Marks an operation scheduled to go, the way consumers can see it: every response
 * carries `Deprecation` (RFC 9745: `@<epoch seconds>` of `since`) and `Sunset`
 * (RFC 8594: the HTTP date it stops working), plus a `Link` to its successor when there
 * is one, and the document marks the operation `deprecated: true` with those headers
 * described. Removing it later is a breaking change (a new major version in CHANGELOG.md).
 */
export function ApiDeprecated(options: DeprecationOptions) {
  const since = date(options.since, 'since');
  const sunset = date(options.sunset, 'sunset');
  if (sunset <= since) throw new Error('ApiDeprecated: sunset must come after since');
  return applyDecorators(
    Header('Deprecation', `@${Math.floor(since.getTime() / 1000)}`),
    Header('Sunset', sunset.toUTCString()),
    ...(options.successor ? [Header('Link', `<${options.successor}>; rel="successor-version"`)] : []),
    ApiExtension(SUNSET_EXTENSION, { since: since.toISOString(), sunset: sunset.toISOString(), successor: options.successor }),
  );
}
