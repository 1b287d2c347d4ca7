import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Envelope } from '@mi/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Logger } from 'pino';
import type { ConsumerOutcome, EventConsumer, EventHandler } from './event-consumer';

/**
 * Nest transport for our topics: `@EventPattern('<event type>')` methods become the handlers of
 * one EventConsumer. It owns naming and offset commits, which the stock Kafka transport does not
 * let us control. The consumer starts in the background, so a service comes up (and reports not
 * ready) while Kafka is unreachable, and joins as soon as Kafka is back.
 */
export class KafkaEventsTransport extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer | undefined;
  private stopped = false;

  constructor(
    private readonly createConsumer: (handler: EventHandler) => EventConsumer,
    private readonly log: Logger,
    private readonly retryDelayMs = 2000,
  ) {
    super();
  }

  get isRunning(): boolean {
    return this.consumer?.isRunning ?? false;
  }

  listen(callback: () => void): void {
    this.consumer = this.createConsumer((event) => this.dispatch(event));
    void this.startWithRetry();
    callback();
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventsTransport has no event emitter');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async startWithRetry(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.consumer!.start();
        return;
      } catch (error) {
        this.log.warn({ err: error }, 'consumer could not start; retrying');
        await this.consumer!.stop().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }

  private async dispatch(event: Envelope): Promise<Exclude<ConsumerOutcome, 'dead-lettered'>> {
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return 'ignored';
    const result = await handler(event);
    const outcome = isObservable(result) ? await lastValueFrom(result) : result;
    return (outcome as Exclude<ConsumerOutcome, 'dead-lettered'>) ?? 'applied';
  }
}
