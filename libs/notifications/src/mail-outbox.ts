import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '@balai/config';
import { ClaimedMail, MailOutboxRepository } from './mail-outbox.repository';

/** Mails claimed per round: each is sent, then marked, one at a time. */
export const MAIL_BATCH = 5;
/** After this many attempts a mail is given up (logged as an error). */
export const MAIL_MAX_ATTEMPTS = 12;
/** How often the outbox is looked at when nothing pokes it. */
const POLL_MS = 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
const SHUTDOWN_WAIT_MS = 3000;

/** The delay before attempt `attempts + 1`: the base, doubled per attempt, at most an hour. */
export const backoffMs = (baseMs: number, attempts: number): number => Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/**
 * Sends the e-mail outbox through SMTP_URL (nodemailer), in the background: a request never waits
 * for SMTP. Each round claims up to MAIL_BATCH due rows (`MailOutboxRepository.claim`, SKIP LOCKED,
 * a lease), sends them one by one and marks each sent as soon as the server accepted it, so a
 * process killed mid-round resends at most the one mail the server had accepted but the database had
 * not yet recorded (at-least-once; the stable Message-ID lets a mail client drop that duplicate).
 * Failures wait `backoffMs` and are logged; without SMTP_URL nothing is sent and the log says so once.
 */
@Injectable()
export class MailOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailOutbox.name);
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly messageIdHost: string;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: MailOutboxRepository,
  ) {
    this.messageIdHost = new URL(config.publicUrl).hostname;
  }

  get enabled(): boolean {
    return this.config.mail.smtpUrl !== undefined;
  }

  /** The lease of a claim: long enough for a whole round with every SMTP step timing out. */
  private get leaseMs(): number {
    return MAIL_BATCH * 3 * this.config.mail.timeoutMs + 5000;
  }

  onApplicationBootstrap(): void {
    const { smtpUrl, timeoutMs } = this.config.mail;
    if (!smtpUrl) {
      this.logger.log('SMTP_URL is not set: notifications stay in Balai, no e-mail is sent');
      return;
    }
    const url = new URL(smtpUrl);
    const options: SMTPTransport.Options = {
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    };
    this.transport = createTransport(options);
    this.logger.log(`E-mail notifications go out through ${new URL(smtpUrl).host}`);
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // Shutdown must end within seconds (SIGTERM: exit within 10 s): wait a little for the mail in
    // flight, then close; what was not marked is claimed again after its lease (see NOTIFICATIONS.md).
    await Promise.race([this.round, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
    this.transport?.close();
  }

  /** New mail is waiting: look now rather than at the next poll. */
  poke(): void {
    if (!this.transport || this.stopped) return;
    if (this.round) this.again = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.round = this.runRound().finally(() => {
        this.round = null;
        const more = this.again;
        this.again = false;
        this.schedule(more ? 0 : POLL_MS);
      });
    }, delayMs);
  }

  private async runRound(): Promise<void> {
    let claimed: ClaimedMail[];
    try {
      claimed = await this.outbox.claim(MAIL_BATCH, this.leaseMs);
    } catch (error) {
      this.logger.warn(`E-mail outbox unavailable, trying again: ${(error as Error).message}`);
      return;
    }
    for (const mail of claimed) {
      if (this.stopped) return;
      await this.send(mail);
    }
    if (claimed.length === MAIL_BATCH) this.again = true;
  }

  private async send(mail: ClaimedMail): Promise<void> {
    try {
      await this.transport!.sendMail({
        from: this.config.mail.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@${this.messageIdHost}>`,
      });
    } catch (error) {
      const message = (error as Error).message;
      const giveUp = mail.attempts >= MAIL_MAX_ATTEMPTS;
      const delay = backoffMs(this.config.mail.retryBaseMs, mail.attempts);
      if (giveUp) this.logger.error(`E-mail ${mail.id} given up after ${mail.attempts} attempts: ${message}`);
      else this.logger.warn(`E-mail ${mail.id} not sent (attempt ${mail.attempts}), retrying in ${Math.round(delay / 1000)} s: ${message}`);
      await this.outbox.markFailed(mail.id, message, delay, giveUp).catch((markError: unknown) => {
        this.logger.warn(`E-mail ${mail.id}: failure not recorded, retried after its lease: ${(markError as Error).message}`);
      });
      return;
    }
    await this.outbox.markSent(mail.id).catch((error: unknown) => {
      // The one window of a duplicate: accepted by SMTP, not recorded here; it is sent again after its lease.
      this.logger.warn(`E-mail ${mail.id} sent but not recorded, may be sent again: ${(error as Error).message}`);
    });
  }
}
