import { PgBoss, type Db as IDatabase, type Job } from "pg-boss";
import { type DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from "typeorm";
import { type WebhookConfig } from "../config/config";
import { jobQueueDatabase } from "../db/jobQueueDatabase";
import { describeError, type Logger } from "../logging/logger";

/** The pg-boss queue every webhook delivery is a job on; its data is the webhook's id, nothing else. */
export const WEBHOOK_QUEUE = "webhook-delivery";

export interface WebhookJob {
  webhookId: string;
}

/**
 * The durable job queue webhooks travel on: pg-boss, in its own `pgboss` schema of the hub's database,
 * driven through the hub's own connection pool (so the embedded database serves it as it serves the
 * hub, and no second pool is opened). A job is enqueued inside the transaction that writes its
 * delivery (`enqueue`), so a notification and its webhook commit or vanish together; a job whose
 * sender died is run again when it expires (`expireInSeconds`: a little over the attempt's timeout).
 */
export class WebhookQueue {
  /** This process's senders (pg-boss worker ids), woken when a job they can take commits. */
  private readonly senders: string[] = [];

  private constructor(
    private readonly boss: PgBoss,
    private readonly dataSource: DataSource,
  ) {}

  static async start(dataSource: DataSource, config: WebhookConfig, logger: Logger): Promise<WebhookQueue> {
    const expireInSeconds = webhookExpirySeconds(config);
    const boss = new PgBoss({
      db: jobQueueDatabase(dataSource),
      schema: "pgboss",
      // Expired jobs (a sender killed mid-attempt) are found by the supervisor: as often as a job may expire.
      superviseIntervalSeconds: Math.max(1, Math.min(60, Math.ceil(expireInSeconds / 2))),
      monitorIntervalSeconds: Math.max(1, Math.min(60, Math.ceil(expireInSeconds / 2))),
      schedule: false,
      registerInstance: false,
      openTelemetry: { enabled: false },
    });
    // pg-boss reports its own trouble as events: logged as what it is, never with a job's data.
    boss.on("error", (error: Error) => logger.error("webhook queue error", { event: "webhook.queue.error", ...describeError(error) }));
    await boss.start();
    const options = {
      // Attempts are counted on the webhook's own row (`deliverWebhook`): pg-boss retries until the row is settled.
      retryLimit: config.maxAttempts + 1,
      retryDelay: config.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: config.retryDelayMaxSeconds,
      expireInSeconds,
    };
    if ((await boss.getQueue(WEBHOOK_QUEUE)) === null) await boss.createQueue(WEBHOOK_QUEUE, options);
    else await boss.updateQueue(WEBHOOK_QUEUE, options);
    const queue = new WebhookQueue(boss, dataSource);
    QUEUES.set(dataSource, queue);
    if (!dataSource.subscribers.some((subscriber) => subscriber instanceof WakeSendersOnCommit)) dataSource.subscribers.push(new WakeSendersOnCommit());
    return queue;
  }

  /**
   * Enqueues a webhook's job in the caller's transaction: it exists only if the transaction commits.
   * This process's senders are woken once it has (`WakeSendersOnCommit`) instead of at their next poll:
   * the poll is the floor of a delivery's latency otherwise. Another process's senders find it at theirs.
   */
  async enqueue(manager: EntityManager, webhookId: string): Promise<void> {
    await this.boss.send(WEBHOOK_QUEUE, { webhookId } satisfies WebhookJob, { db: transactionAdapter(manager) });
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive === true) markToWake(runner);
    else this.wake();
  }

  /** Asks this process's senders to fetch now. */
  wake(): void {
    for (const sender of this.senders) this.boss.notifyWorker(sender);
  }

  /**
   * Starts `count` senders in this process: one fetch takes up to `count` jobs and sends them at once,
   * each settled on its own (a failed one retried, the others completed), and while fetches come back
   * full the next follows without waiting for the poll.
   */
  async work(count: number, pollSeconds: number, handle: (job: WebhookJob) => Promise<void>): Promise<void> {
    if (count === 0) return;
    const options = { batchSize: count, localConcurrency: 1, pollingIntervalSeconds: pollSeconds, burstWhenBatchFull: true, perJobResults: true } as const;
    const sender = await this.boss.work<WebhookJob, unknown, typeof options>(WEBHOOK_QUEUE, options, async (jobs: Job<WebhookJob>[]) =>
      Promise.all(jobs.map((job) => handle(job.data).then(
        () => ({ id: job.id, status: "completed" as const }),
        () => ({ id: job.id, status: "failed" as const }),
      ))));
    this.senders.push(sender);
  }

  /** Stops taking jobs and waits for the attempts in hand to finish (bounded), leaving the pool to the hub. */
  async stop(timeoutMs: number): Promise<void> {
    QUEUES.delete(this.dataSource);
    await this.boss.stop({ graceful: true, close: false, timeout: Math.max(1000, timeoutMs) });
  }
}

const QUEUES = new WeakMap<DataSource, WebhookQueue>();

/** Marks a transaction that enqueued a job; read and cleared when it ends. */
const WAKE_ON_COMMIT = "wakeWebhookSendersOnCommit";

function markToWake(runner: QueryRunner): void {
  (runner.data as Record<string, unknown>)[WAKE_ON_COMMIT] = true;
}

function takeMark(runner: QueryRunner): boolean {
  const data = runner.data as Record<string, unknown>;
  const marked = data[WAKE_ON_COMMIT] === true;
  delete data[WAKE_ON_COMMIT];
  return marked;
}

/**
 * Wakes the senders when a transaction that enqueued a job commits — the outermost commit only: a
 * released savepoint is not yet visible to them. A rolled-back transaction's jobs never existed.
 */
class WakeSendersOnCommit implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive || !takeMark(event.queryRunner)) return;
    QUEUES.get(event.connection)?.wake();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takeMark(event.queryRunner);
  }
}

/** The queue started for this database, if this process started one. */
export function webhookQueueOf(dataSource: DataSource): WebhookQueue | undefined {
  return QUEUES.get(dataSource);
}

/** A job whose sender died is run again this long after it started: the attempt's timeout and a margin for DNS and connecting. */
export function webhookExpirySeconds(config: Pick<WebhookConfig, "timeoutMs">): number {
  return Math.ceil(config.timeoutMs / 1000) + 5;
}

/** pg-boss's insert on the transaction's own connection: part of the transaction's own work. */
function transactionAdapter(manager: EntityManager): IDatabase {
  return { executeSql: async (text, values) => ({ rows: await manager.query<unknown[]>(text, values) }) };
}
