/** REDIS_CLUSTER_NODES: where a Redis Cluster is found, and how each of its nodes is reached. */
export interface RedisClusterNodes {
  /** Nodes to ask for the others (CLUSTER SLOTS): one is enough, e.g. a managed service's configuration endpoint. */
  readonly seeds: readonly { readonly host: string; readonly port: number }[];
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** rediss://: every node is reached over TLS. */
  readonly tls: boolean;
}

const DEFAULT_PORT = 6379;

interface Seed {
  readonly host: string;
  readonly port: number;
  readonly scheme: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
}

function seedOf(text: string): Seed | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL: write redis://host:port or rediss://user:password@host:port`;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `"${text}" must start with redis:// or rediss://`;
  if (url.hostname === '') return `"${text}" names no host`;
  // A cluster has database 0 only.
  if (!['', '/', '/0'].includes(url.pathname)) return `"${text}" names a database: a Redis Cluster has only 0`;
  const decoded = (part: string) => (part === '' ? undefined : decodeURIComponent(part));
  return {
    // IPv6 hosts come bracketed; sockets want them bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? DEFAULT_PORT : Number(url.port),
    scheme: url.protocol,
    username: decoded(url.username),
    password: decoded(url.password),
  };
}

/**
 * Comma-separated `redis://` or `rediss://` URLs of seed nodes; the problem, as a sentence, when malformed. The client
 * reaches the nodes the seeds tell it of with the seeds' TLS and credentials, so every URL must agree on them.
 */
export function parseClusterNodes(value: string): RedisClusterNodes | string {
  const seeds: Seed[] = [];
  for (const text of value.split(',').map((item) => item.trim())) {
    if (text === '') continue;
    const seed = seedOf(text);
    if (typeof seed === 'string') return seed;
    seeds.push(seed);
  }
  const [first] = seeds;
  if (first === undefined) return 'names no node: list redis://host:port URLs, separated by commas';
  const agrees = (seed: Seed) =>
    seed.scheme === first.scheme && seed.username === first.username && seed.password === first.password;
  if (!seeds.every(agrees)) {
    return 'every node must have the same scheme (redis:// or rediss://), user and password: the cluster gets one';
  }
  return {
    seeds: seeds.map(({ host, port }) => ({ host, port })),
    username: first.username,
    password: first.password,
    tls: first.scheme === 'rediss:',
  };
}
