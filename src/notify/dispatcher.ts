import type { Clock } from '../domain/clock.js';
import type { Ids } from '../domain/ids.js';
import type { DeliveryAttempt, DeliveryOutcome, DeliveryRecord } from '../store/lifecycle.js';
import type { Store } from '../store/port.js';
import { buildCallbackRequest, type PlatformSigner } from './callback.js';
import { isAcknowledged, outcomeAfter } from './schedule.js';
import type { NotifyTargets } from './targets.js';
import { CallbackTransport } from './transport.js';

export interface DispatcherOptions {
  store: Store;
  /** Business time: when events are due, when attempts happened (the sandbox test clock when enabled). */
  clock: Clock;
  /** Real time: leases between processes and the signature timestamp receivers check. */
  wireClock: Clock;
  ids: Ids;
  platform: PlatformSigner;
  pollMs?: number;
  /** An answer must arrive within this time (5 s, docs/protocol.md, Callbacks). */
  timeoutMs?: number;
  /** How long a claimed event stays reserved for this process. */
  leaseMs?: number;
  /** Deliveries this process makes at once. */
  maxInFlight?: number;
  /** Deliveries one merchant gets at once, across every process sharing the store (D-36). */
  perMerchant?: number;
  /** Where callbacks may be sent (D-35). */
  targets: NotifyTargets;
  /** Told about failures of the dispatcher itself (a delivery that fails is recorded, not reported here). */
  onError?: (error: unknown, where: string) => void;
  /** Told about every attempt: what became of the event, and how late the attempt started after it was due. */
  onAttempt?: (state: DeliveryOutcome['state'] | 'RETRY', lagSeconds: number) => void;
}

/** The webhook log's error for an attempt whose answer is not stored (yet): in flight, or cut short (D-37). */
export const UNANSWERED = 'no outcome recorded: in flight, or interrupted before its answer was stored';

/**
 * Delivers outbox events to merchants' notify URLs at least once (D-16). Each poll leases the due PENDING events
 * (so several processes can share one database), merchants taking turns and each capped (D-36). Every attempt is
 * stored before its POST (D-37) and completed after it with what follows: DELIVERED, a retry on WeChat's schedule,
 * or FAILED. Everything lives in the store, so a new dispatcher carries on where a stopped one left off, with the
 * same event ids.
 */
export class Dispatcher {
  private readonly o: Required<Omit<DispatcherOptions, 'onError' | 'onAttempt'>> &
    Pick<DispatcherOptions, 'onError' | 'onAttempt'>;
  private readonly transport: CallbackTransport;
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private running = false;
  /** Outcomes the store refused, being retried; no new events are claimed meanwhile (D-37). */
  private unrecorded = 0;

  constructor(options: DispatcherOptions) {
    this.o = {
      pollMs: 250,
      timeoutMs: 5_000,
      leaseMs: 30_000,
      maxInFlight: 64,
      perMerchant: 8,
      ...options,
    };
    this.transport = new CallbackTransport(this.o.targets, this.o.timeoutMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Polls now instead of at the next interval (an event was redelivered, the test clock moved). */
  wake(): void {
    if (this.running && !this.ticking) this.schedule(0);
  }

  /** Stops polling and waits for the deliveries under way to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.allSettled(this.inFlight.values());
    this.transport.close();
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    if (!this.running || this.ticking) return;
    this.ticking = this.claim()
      .catch((error: unknown) => {
        this.o.onError?.(error, 'claiming due events');
        return false;
      })
      .then((more) => {
        this.ticking = null;
        if (this.running) this.schedule(more ? 0 : this.o.pollMs);
      });
  }

  /** Leases and starts the due events; true when more may be waiting. */
  private async claim(): Promise<boolean> {
    const room = this.o.maxInFlight - this.inFlight.size;
    if (room <= 0 || this.unrecorded > 0) return false;
    const real = this.o.wireClock.now();
    const events = await this.o.store.claimDueEvents(
      this.o.clock.now().toISOString(),
      real.toISOString(),
      new Date(real.getTime() + this.o.leaseMs).toISOString(),
      room,
      this.o.perMerchant,
    );
    for (const event of events) {
      const delivery = this.deliver(event)
        .catch((error: unknown) => this.o.onError?.(error, `delivering ${event.eventId}`))
        .finally(() => this.inFlight.delete(event.eventId));
      this.inFlight.set(event.eventId, delivery);
    }
    return events.length === room;
  }

  private async deliver(event: DeliveryRecord): Promise<void> {
    const attempt = event.attempts + 1;
    const merchant = await this.o.store.getMerchant(event.mchid);
    const startedAt = this.o.clock.now();
    const started = performance.now();
    const url = merchant?.notifyUrl || null;
    const request =
      merchant && url
        ? await buildCallbackRequest(
            event,
            merchant.apiv3Key,
            this.o.platform,
            Math.floor(this.o.wireClock.now().getTime() / 1000),
            this.o.ids.requestId(),
          )
        : null;
    const record: DeliveryAttempt = {
      eventId: event.eventId,
      attempt,
      url,
      requestId: request?.requestId ?? null,
      startedAt: startedAt.toISOString(),
      durationMs: 0,
      status: null,
      error: UNANSWERED,
      response: null,
    };
    const ifUnanswered = outcomeAfter(attempt, false, startedAt, startedAt);
    if (!(await this.o.store.beginDeliveryAttempt(record, ifUnanswered, event.lockedUntil ?? ''))) return;
    const result =
      url && request
        ? await this.transport.post(url, request.headers, request.body)
        : { status: null, error: 'notify_url is not configured', response: null };
    Object.assign(record, result, { durationMs: Math.round(performance.now() - started) });
    const outcome = outcomeAfter(attempt, isAcknowledged(record.status), startedAt, this.o.clock.now());
    await this.record(record, outcome);
    const lag = Math.max(0, (startedAt.getTime() - Date.parse(event.nextAttemptAt)) / 1000);
    this.o.onAttempt?.(outcome.state === 'PENDING' ? 'RETRY' : outcome.state, lag);
  }

  /**
   * Stores a finished attempt, retrying every poll interval while the store refuses (a full disk); claims wait
   * meanwhile. When stopped first, the begun record stands: the attempt counts as unanswered.
   */
  private async record(attempt: DeliveryAttempt, outcome: DeliveryOutcome): Promise<void> {
    for (let failures = 0; ; failures++) {
      try {
        await this.o.store.finishDeliveryAttempt(attempt, outcome);
        if (failures > 0) this.unrecorded--;
        return;
      } catch (error) {
        if (failures === 0) this.unrecorded++;
        if (!this.running) {
          this.unrecorded--;
          throw error;
        }
        this.o.onError?.(error, `recording attempt ${attempt.attempt} of ${attempt.eventId}`);
        await new Promise((resolve) => setTimeout(resolve, this.o.pollMs));
      }
    }
  }
}
