import { Injectable } from '@nestjs/common';
import { Principal, UserView } from '@balai/identity';
import { PollsService } from '@balai/polls';
import { DemoCast, DemoState, DemoStep } from '../demo-step';

const asPrincipal = (user: UserView): Principal => ({ id: user.id, role: user.role, displayName: user.displayName });

/**
 * Two polls in the park consultation (from the forum step's `state.consultationId`; standalone
 * when there is none): a multiple-choice poll about facilities with the citizens' ballots, and a
 * single-choice poll whose results stay hidden until it closes. Sets `state.pollId`.
 */
@Injectable()
export class PollsDemoStep implements DemoStep {
  readonly name = 'polls';

  constructor(private readonly polls: PollsService) {}

  async run(cast: DemoCast, state: DemoState): Promise<void> {
    const official = asPrincipal(cast.official);
    const consultationId = state.consultationId;

    const facilities = await this.polls.create(
      {
        question: 'Fasilitas apa yang paling dibutuhkan di Taman Kota Cempaka?',
        options: ['Taman bermain anak', 'Jalur jogging', 'Toilet umum', 'Area UMKM/kuliner', 'Lampu penerangan'],
        multiple: true,
        consultationId,
      },
      official,
    );
    const [playground, jogging, toilets, stalls, lights] = facilities.options.map((option) => option.id);
    const choices = [
      [playground, toilets, lights],
      [jogging, lights],
      [playground, stalls],
      [toilets, lights, playground],
    ];
    for (const [index, citizen] of cast.citizens.entries()) {
      await this.polls.vote(facilities.id, asPrincipal(citizen), choices[index % choices.length]);
    }
    state.pollId = facilities.id;

    const hours = await this.polls.create(
      {
        question: 'Jam buka Taman Kota Cempaka yang paling cocok untuk Anda?',
        options: ['05.00–18.00', '05.00–22.00', 'Buka 24 jam dengan penjaga malam'],
        resultsVisibility: 'after_close',
        consultationId,
      },
      official,
    );
    const [, late, allDay] = hours.options.map((option) => option.id);
    for (const [index, citizen] of cast.citizens.slice(0, 3).entries()) {
      await this.polls.vote(hours.id, asPrincipal(citizen), [index === 2 ? allDay : late]);
    }
    state.hoursPollId = hours.id;
  }
}
