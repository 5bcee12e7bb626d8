import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import stableStringify from 'json-stable-stringify';
import { Feed } from 'feed';
import { stringify } from 'csv-stringify/sync';
import { ConsultationSummary, DecisionListItem, hasRole, Page, Role } from '@balai/contracts';
import { AppConfig } from '@balai/config';
import { ConsultationsService } from '@balai/consultations';
import { ValidationError } from '@balai/errors';
import { EventBus } from '@balai/events';
import { ForumSummaryService } from '@balai/forum';
import { decodeCursor, PageQuery, toPage } from '@balai/http';
import { DecisionLogWriter } from './decision-log-writer';
import { DecisionNotFoundError, SummaryNotReadyError } from './decisions.errors';
import { DecisionsRepository } from './decisions.repository';
import { AmendDecisionDto, PublishDecisionDto } from './dto/decision.dto';
import { DecisionAmendmentView, DecisionView, SummaryResultView } from './dto/decision.views';
import { SummaryBuilder } from './summary/summary.service';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of the summary's canonical JSON (keys sorted, no spaces): what the log records of it. */
export const summarySha256 = (summary: ConsultationSummary): string => sha256(stableStringify(summary) ?? '');

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Markdown as escaped paragraphs for a feed reader (the web page renders the Markdown itself). */
export const paragraphsOf = (markdown: string): string =>
  markdown
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br/>')}</p>`)
    .join('\n');

/**
 * Closing a consultation into its summary, and publishing and amending its decision. Each of the
 * three writes is one transaction that also appends its transparency log entry (DecisionLogWriter)
 * and announces itself after commit (`consultation.closed`, `decision.published`, `decision.amended`).
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly consultations: ConsultationsService,
    private readonly forum: ForumSummaryService,
    private readonly builder: SummaryBuilder,
    private readonly repository: DecisionsRepository,
    private readonly log: DecisionLogWriter,
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {}

  /** Closes the consultation and stores its summary, in one transaction. */
  async close(consultationId: string, closedBy: string): Promise<SummaryResultView> {
    const summary = await this.em.fork().transactional(async (em) => {
      const closed = await this.consultations.close(em, consultationId, closedBy);
      const summary = await this.builder.build(em, consultationId, closed.closedAt);
      await this.repository.saveSummary(em, consultationId, summary, closed.closedAt);
      await this.log.append(em, {
        type: 'consultation.closed',
        subjectId: consultationId,
        payload: { consultationId, title: closed.title, closedAt: closed.closedAt.toISOString(), summarySha256: summarySha256(summary) },
      });
      return summary;
    });
    return { consultation: await this.consultations.get(consultationId), summary };
  }

  /**
   * The stored summary of a closed or decided consultation. For an open one, officials get a preview
   * as of now (computed, not stored): it reads the whole consultation, so it is not offered to anyone
   * who asks; others get 409 `summary_not_ready`.
   */
  async summary(consultationId: string, viewer?: { role: Role }): Promise<ConsultationSummary> {
    const stored = await this.repository.findSummary(consultationId);
    if (stored) return stored.summary;
    await this.consultations.describe(consultationId);
    if (!viewer || !hasRole(viewer.role, 'official')) throw new SummaryNotReadyError(consultationId);
    return this.em.fork().transactional((em) => this.builder.build(em, consultationId, new Date()));
  }

  async publish(consultationId: string, input: PublishDecisionDto, publishedBy: string): Promise<DecisionView> {
    const cited = [...new Set(input.citedThreadIds ?? [])];
    const decision = await this.em.fork().transactional(async (em) => {
      const consultation = await this.consultations.markDecided(em, consultationId);
      const stored = await this.repository.findSummary(consultationId, em);
      if (!stored) throw new SummaryNotReadyError(consultationId);
      const known = new Set(await this.forum.threadsIn(em, consultationId, cited));
      const unknown = cited.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        throw new ValidationError([{ field: `citedThreadIds[${unknown}]`, message: 'not a thread of this consultation' }]);
      }
      const decision = await this.repository.insertDecision(em, {
        consultationId,
        consultationTitle: consultation.title,
        title: input.title,
        body: input.body,
        summary: stored.summary,
        citedThreadIds: cited,
        publishedBy,
      });
      const bodySha256 = sha256(decision.body);
      const entry = await this.log.append(em, {
        type: 'decision.published',
        subjectId: decision.id,
        payload: {
          decisionId: decision.id,
          consultationId,
          title: decision.title,
          bodySha256,
          summarySha256: summarySha256(decision.summary),
          publishedAt: decision.publishedAt.toISOString(),
        },
      });
      await this.repository.setLogEntry(em, decision, entry);
      this.bus.afterCommit(em, 'decision.published', {
        decisionId: decision.id,
        consultationId,
        title: decision.title,
        bodySha256,
        publishedBy,
        publishedAt: decision.publishedAt,
      });
      return decision;
    });
    return DecisionView.of(decision, []);
  }

  async amend(decisionId: string, input: AmendDecisionDto, amendedBy: string): Promise<DecisionAmendmentView> {
    const amendment = await this.em.fork().transactional(async (em) => {
      const decision = await this.repository.findDecision(decisionId, em);
      if (!decision) throw new DecisionNotFoundError(decisionId);
      const amendment = await this.repository.insertAmendment(em, { decision: decisionId, body: input.body, amendedBy });
      const bodySha256 = sha256(amendment.body);
      const entry = await this.log.append(em, {
        type: 'decision.amended',
        subjectId: decisionId,
        payload: {
          decisionId,
          amendmentId: amendment.id,
          consultationId: decision.consultationId,
          bodySha256,
          amendedAt: amendment.amendedAt.toISOString(),
        },
      });
      await this.repository.setLogEntry(em, amendment, entry);
      this.bus.afterCommit(em, 'decision.amended', {
        decisionId,
        amendmentId: amendment.id,
        consultationId: decision.consultationId,
        bodySha256,
        amendedBy,
        amendedAt: amendment.amendedAt,
      });
      return amendment;
    });
    return DecisionAmendmentView.of(amendment);
  }

  async get(decisionId: string): Promise<DecisionView> {
    const decision = await this.repository.findDecision(decisionId);
    if (!decision) throw new DecisionNotFoundError(decisionId);
    return DecisionView.of(decision, await this.repository.amendmentsOf([decision.id]));
  }

  /** The decision of a consultation, or null when it has none. */
  async ofConsultation(consultationId: string): Promise<DecisionView | null> {
    const decision = await this.repository.findByConsultation(consultationId);
    return decision ? DecisionView.of(decision, await this.repository.amendmentsOf([decision.id])) : null;
  }

  async requireOfConsultation(consultationId: string): Promise<DecisionView> {
    const decision = await this.ofConsultation(consultationId);
    if (!decision) throw new DecisionNotFoundError(`of consultation ${consultationId}`);
    return decision;
  }

  /** Newest first, keyset-paginated on the time-ordered id. */
  async list(query: PageQuery): Promise<Page<DecisionListItem>> {
    let beforeId: string | undefined;
    if (query.cursor) {
      [beforeId] = decodeCursor(query.cursor, ['string']) as [string];
      if (!/^[0-9a-f-]{36}$/i.test(beforeId))
        throw new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);
    }
    const rows = await this.repository.page(beforeId, query.limit + 1);
    const counts = await this.repository.amendmentCounts(rows.slice(0, query.limit).map((row) => row.id));
    return toPage(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => ({
        id: row.id,
        consultationId: row.consultationId,
        consultationTitle: row.consultationTitle,
        title: row.title,
        publishedAt: row.publishedAt.toISOString(),
        amendments: counts.get(row.id) ?? 0,
      }),
    );
  }

  /** An Atom feed of the latest 50 decisions, each amendment as its own entry; links on PUBLIC_URL. */
  async feed(): Promise<string> {
    const base = this.config.publicUrl;
    const decisions = await this.repository.page(undefined, 50);
    const amendments = await this.repository.amendmentsOf(decisions.map((decision) => decision.id));
    const updated = [...decisions.map((d) => d.publishedAt), ...amendments.map((a) => a.amendedAt)].reduce(
      (latest, at) => (at > latest ? at : latest),
      new Date(0),
    );
    const feed = new Feed({
      title: 'Balai: keputusan kota / city decisions',
      description: 'Decisions published at the close of public consultations',
      id: `${base}/decisions`,
      link: `${base}/decisions`,
      language: 'id',
      copyright: 'Public record',
      updated,
      feedLinks: { atom: `${base}/api/v1/decisions/feed.atom` },
    });
    const titles = new Map(decisions.map((decision) => [decision.id, decision.title]));
    const entries = [
      ...decisions.map((decision) => ({
        at: decision.publishedAt,
        item: {
          title: decision.title,
          id: `${base}/decisions/${decision.id}`,
          link: `${base}/decisions/${decision.id}`,
          date: decision.publishedAt,
          published: decision.publishedAt,
          description: decision.consultationTitle,
          content: paragraphsOf(decision.body),
        },
      })),
      ...amendments.map((amendment) => ({
        at: amendment.amendedAt,
        item: {
          title: `Amandemen / Amendment: ${titles.get(amendment.decision) ?? ''}`,
          id: `${base}/decisions/${amendment.decision}#amendment-${amendment.id}`,
          link: `${base}/decisions/${amendment.decision}#amendment-${amendment.id}`,
          date: amendment.amendedAt,
          published: amendment.amendedAt,
          content: paragraphsOf(amendment.body),
        },
      })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime());
    for (const entry of entries) feed.addItem(entry.item);
    return feed.atom1();
  }

  /** Every decision with its amendments, oldest first: CSV (one row per decision, a header row) or JSON. */
  async export(format: 'csv' | 'json'): Promise<string> {
    const decisions = (await this.repository.page(undefined)).reverse();
    const amendments = await this.repository.amendmentsOf(decisions.map((decision) => decision.id));
    const base = this.config.publicUrl;
    if (format === 'json') {
      const byDecision = new Map<string, DecisionAmendmentView[]>();
      for (const amendment of amendments) {
        byDecision.set(amendment.decision, [...(byDecision.get(amendment.decision) ?? []), DecisionAmendmentView.of(amendment)]);
      }
      return JSON.stringify(
        decisions.map((decision) => ({
          ...DecisionView.of(decision, []),
          amendments: byDecision.get(decision.id) ?? [],
          url: `${base}/decisions/${decision.id}`,
        })),
        null,
        2,
      );
    }
    const counts = new Map<string, number>();
    for (const amendment of amendments) counts.set(amendment.decision, (counts.get(amendment.decision) ?? 0) + 1);
    const rows = decisions.map((decision) => {
      const p = decision.summary.participation;
      return [
        decision.id,
        decision.consultationId,
        decision.consultationTitle,
        decision.title,
        decision.publishedAt.toISOString(),
        counts.get(decision.id) ?? 0,
        p.participants,
        p.threads,
        p.posts,
        p.questions,
        p.ballots,
        p.supports,
        p.upvotes,
        decision.summary.themes
          .slice(0, 10)
          .map((theme) => theme.term)
          .join('; '),
        `${base}/decisions/${decision.id}`,
        decision.body,
      ];
    });
    return stringify(rows, {
      header: true,
      columns: [
        'decision_id',
        'consultation_id',
        'consultation_title',
        'title',
        'published_at',
        'amendments',
        'participants',
        'threads',
        'posts',
        'questions',
        'ballots',
        'supports',
        'upvotes',
        'top_themes',
        'url',
        'body_markdown',
      ],
      record_delimiter: 'windows',
      // Bodies hold bare line feeds: quote every text field so each one stays one field in any loader.
      quoted_string: true,
    });
  }
}
