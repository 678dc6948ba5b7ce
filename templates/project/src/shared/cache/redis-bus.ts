import type { BusDriver } from 'bentocache/types';
import type { Redis } from 'ioredis';
import type { Logger } from '../infrastructure/logger';
import type { RedisConnection } from '../infrastructure/redis';

type Message = Parameters<BusDriver['publish']>[1];
type Handler = (payload: Message) => void | Promise<void>;

function isEnvelope(value: unknown): value is { busId: string; payload: Message } {
  return typeof value === 'object' && value !== null && 'busId' in value && 'payload' in value;
}

/**
 * bentocache's bus over Redis pub/sub, on connections whose failures this service sees: it publishes on the shared
 * client (which fails at once while Redis is away; the bus queues and retries the message) and listens on
 * `subscriber`, which waits for Redis instead (its SUBSCRIBE must not fail at start-up, when Redis may be late).
 */
export class RedisBus implements BusDriver {
  private busId = '';
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly publisher: RedisConnection,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, text: string) => {
      this.deliver(channel, text);
    });
  }

  setId(id: string): BusDriver {
    this.busId = id;
    return this;
  }

  onReconnect(callback: () => void): void {
    this.subscriber.on('ready', callback);
  }

  async publish(channel: string, payload: Message): Promise<void> {
    await this.publisher.publish(channel, JSON.stringify({ busId: this.busId, payload }));
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- BusDriver declares it generic
  async subscribe<T extends Message>(channel: string, handler: (payload: T) => void | Promise<void>): Promise<void> {
    // bentocache receives what it publishes: its own message type.
    this.handlers.set(channel, handler as Handler);
    try {
      await this.subscriber.subscribe(channel);
    } catch (error) {
      if (this.subscriber.status === 'end') return; // closed at shutdown before Redis ever answered
      this.logger.error({ err: error }, 'the cache bus cannot subscribe: set CACHE_MEMORY_MAX_ITEMS=0');
    }
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
    await this.subscriber.unsubscribe(channel);
  }

  async disconnect(): Promise<void> {
    this.subscriber.disconnect();
    return Promise.resolve();
  }

  private deliver(channel: string, text: string): void {
    const handler = this.handlers.get(channel);
    const envelope: unknown = JSON.parse(text);
    // Our own messages come back too: this instance already applied them.
    if (handler === undefined || !isEnvelope(envelope) || envelope.busId === this.busId) return;
    void handler(envelope.payload);
  }
}
