// Where the queue lives: a Redis URL as users write it, turned into ioredis options. Password,
// user name, database and TLS come from the URL (rediss:// turns TLS on), so nothing is hidden in
// environment state; a CA file or a disabled certificate check is asked for explicitly.
import { readFileSync } from 'node:fs';
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { UserError } from '../util/index.ts';

export interface RedisTarget {
  /** The URL with its password masked, for messages. */
  readonly display: string;
  readonly options: RedisOptions;
}

/**
 * Parses `redis://[user:password@]host[:port][/db]` or `rediss://...` (TLS). TLS options as query
 * parameters: `ca=FILE` (PEM of the CA to trust), `servername=NAME`, `insecure=1` (no certificate check).
 */
export function redisTarget(url: string, flag = '--redis'): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`'${url}' is not a URL`, flag, 'write redis://HOST:PORT or rediss://USER:PASSWORD@HOST:PORT/DB');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new UserError(`'${u.protocol}' is not a Redis scheme`, flag, 'use redis:// (plain) or rediss:// (TLS)');
  }
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new UserError(`database '${db}' is not a number`, flag, 'write the database index, e.g. redis://host:6379/0');
  const port = u.port === '' ? 6379 : Number(u.port);
  const options: RedisOptions = {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== '' ? { db: Number(db) } : {}),
    // BullMQ's blocking commands must wait for Redis however long it is away (a restart, a failover).
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
  const known = new Set(['ca', 'servername', 'insecure']);
  for (const key of u.searchParams.keys()) {
    if (!known.has(key)) throw new UserError(`unknown option '${key}' in the Redis URL`, flag, 'the URL takes ca=FILE, servername=NAME and insecure=1');
  }
  if (u.protocol === 'rediss:') {
    const ca = u.searchParams.get('ca');
    let caText: string | undefined;
    if (ca !== null) {
      try {
        caText = readFileSync(ca, 'utf8');
      } catch {
        throw new UserError(`cannot read the CA file '${ca}'`, flag, 'give the PEM file of the certificate authority that signed the Redis server certificate');
      }
    }
    const servername = u.searchParams.get('servername');
    options.tls = {
      ...(caText !== undefined ? { ca: caText } : {}),
      ...(servername !== null ? { servername } : {}),
      ...(u.searchParams.get('insecure') === '1' ? { rejectUnauthorized: false } : {}),
    };
  } else if ([...u.searchParams.keys()].length > 0) {
    throw new UserError('TLS options given for a plain redis:// URL', flag, 'use rediss:// for TLS');
  }
  const display = u.password ? url.replace(`:${u.password}@`, ':***@') : url;
  return { display, options };
}

/** The same connection as BullMQ's queues and workers take it. */
export function bullConnection(target: RedisTarget): BullRedisOptions {
  const o = target.options;
  return {
    host: o.host,
    port: o.port,
    ...(o.username !== undefined ? { username: o.username } : {}),
    ...(o.password !== undefined ? { password: o.password } : {}),
    ...(o.db !== undefined ? { db: o.db } : {}),
    ...(o.tls !== undefined ? { tls: o.tls } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}
