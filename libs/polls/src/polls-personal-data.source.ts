import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PersonalDataRegistry, PersonalDataSource } from '@balai/identity';
import { Ballot } from './ballot.entity';
import { Poll } from './poll.entity';
import { PollOption } from './poll-option.entity';

/**
 * The polls' part of a person's data: their ballots (with the question and the labels chosen) and the
 * polls they created. Erasing keeps the ballots: they hold no name, and results must not change after
 * the fact; the ballot's user id no longer leads to anyone once the account is gone.
 */
@Injectable()
export class PollsPersonalDataSource implements PersonalDataSource, OnModuleInit {
  readonly section = 'polls';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string, em: EntityManager): Promise<Record<string, unknown>> {
    const ballots = await em.find(Ballot, { userId }, { orderBy: { createdAt: 'asc' } });
    const pollIds = [...new Set(ballots.map((ballot) => ballot.poll))];
    const polls = pollIds.length ? await em.find(Poll, { id: { $in: pollIds } }, { fields: ['id', 'question'] }) : [];
    const optionIds = [...new Set(ballots.flatMap((ballot) => ballot.optionIds))];
    const options = optionIds.length ? await em.find(PollOption, { id: { $in: optionIds } }, { fields: ['id', 'label'] }) : [];
    const question = new Map(polls.map((poll) => [poll.id, poll.question]));
    const label = new Map(options.map((option) => [option.id, option.label]));
    const created = await em.find(Poll, { createdBy: userId }, { orderBy: { createdAt: 'asc' }, fields: ['id', 'question', 'createdAt'] });
    return {
      ballots: ballots.map((ballot) => ({
        pollId: ballot.poll,
        question: question.get(ballot.poll) ?? null,
        options: ballot.optionIds.map((id) => ({ id, label: label.get(id) ?? null })),
        createdAt: ballot.createdAt,
        updatedAt: ballot.updatedAt,
      })),
      pollsCreated: created.map((poll) => ({ id: poll.id, question: poll.question, createdAt: poll.createdAt })),
    };
  }

  eraseFor(): Promise<void> {
    // Nothing names the person here: ballots and polls hold ids only.
    return Promise.resolve();
  }
}
