// JSON logs (pino) and the per-request log line. Headers are never logged, and every field that
// could hold a secret is censored, wherever it sits in a logged object.
import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';

import type { LogLevel } from './config.js';

export type { Logger };

const SECRET_KEYS = [
  'authorization',
  'password',
  'token',
  'caPem',
  'certPem',
  'keyPem',
  'bearerToken',
  'cookie',
];

/** Paths pino censors: the keys at the top level and up to two levels down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'store-importer' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Sets `X-Request-Id` (the caller's when well-formed, else a new one) and logs each request once. */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0] ?? '';
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        aborted: !res.writableFinished,
      };
      if (path === '/healthz' || path === '/readyz') logger.debug(line, 'request');
      else logger.info(line, 'request');
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}
