import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '@balai/database';

export interface ClaimedMail {
  id: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
}

/** The `notification_emails` outbox: claiming due rows, and recording what became of each. */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Claims up to `limit` due mails for `leaseMs`: one statement, whose `FOR UPDATE SKIP LOCKED`
   * makes two processes claiming at once take different rows, and which moves each claimed row's
   * `next_attempt_at` past the lease, so nobody else claims it while it is being sent. A process
   * that dies holding a claim leaves the row due again once the lease ran out.
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedMail[]> {
    const rows = await runSql<{ id: string; to_address: string; subject: string; text: string; html: string; attempts: number }>(
      this.em.fork(),
      `update notification_emails set attempts = attempts + 1, next_attempt_at = now() + (? * interval '1 millisecond')
        where id in (select id from notification_emails where sent_at is null and failed_at is null and next_attempt_at <= now()
                     order by next_attempt_at limit ? for update skip locked)
        returning id, to_address, subject, text, html, attempts`,
      [leaseMs, limit],
      { name: 'mail_outbox.claim' },
    );
    return rows.map((row) => ({
      id: row.id,
      toAddress: row.to_address,
      subject: row.subject,
      text: row.text,
      html: row.html,
      attempts: Number(row.attempts),
    }));
  }

  async markSent(id: string): Promise<void> {
    await runSql(this.em.fork(), 'update notification_emails set sent_at = now(), last_error = null where id = ?', [id], {
      name: 'mail_outbox.sent',
    });
  }

  /** Due again after `delayMs`, or given up (`failed_at`) when `giveUp`. */
  async markFailed(id: string, error: string, delayMs: number, giveUp: boolean): Promise<void> {
    await runSql(
      this.em.fork(),
      giveUp
        ? 'update notification_emails set failed_at = now(), last_error = ? where id = ?'
        : `update notification_emails set next_attempt_at = now() + (? * interval '1 millisecond'), last_error = ? where id = ?`,
      giveUp ? [error.slice(0, 1000), id] : [delayMs, error.slice(0, 1000), id],
      { name: giveUp ? 'mail_outbox.given_up' : 'mail_outbox.retry' },
    );
  }
}
