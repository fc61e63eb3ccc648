import pg from 'pg';

export interface ListenOptions {
  /** Told of each lost connection and failed reconnection; the listener keeps trying regardless. */
  onError?: (error: Error) => void;
}

/** Stops listening; resolves once the connection is closed. */
export type Unlisten = () => Promise<void>;

const MIN_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * LISTENs on `channel` over a pg.Client of its own: a pooled connection would run other queries and
 * lose its LISTEN whenever the pool recycles it. A dropped connection (server restart, failover,
 * pg_terminate_backend) is re-established with exponential backoff; notifications sent while it is
 * down are lost, because NOTIFY keeps no backlog for a session that is not there.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
  options: ListenOptions = {},
): Promise<Unlisten> {
  // LISTEN takes an identifier, not a parameter, so the name goes into the SQL and must be plain.
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) {
    throw new Error(`channel name ${JSON.stringify(channel)} is not plain`);
  }
  let current: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const client = new pg.Client({
      connectionString: url,
      application_name: 'xiaoyuan-listen',
      // The connection sits idle for long stretches; keepalives notice a peer that vanished silently.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client, new Error('listen connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (stopped) await client.end().catch(() => {});
    else current = client;
  };

  const lost = (client: pg.Client, error: Error) => {
    if (client !== current || stopped) return;
    current = null;
    options.onError?.(error);
    client.end().catch(() => {});
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (stopped || retry) return;
    // Jitter keeps many processes from reconnecting in lockstep after a server restart.
    const delay = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** failures) * (0.5 + Math.random() / 2);
    failures += 1;
    retry = setTimeout(() => {
      retry = undefined;
      if (stopped) return;
      connect().then(
        () => {
          failures = 0;
        },
        (error: Error) => {
          options.onError?.(error);
          scheduleReconnect();
        },
      );
    }, delay);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = null;
    await client?.end().catch(() => {});
  };
}
