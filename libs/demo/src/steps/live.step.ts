import { Injectable, Logger } from '@nestjs/common';
import { Principal, UserView } from '@balai/identity';
import { LiveQuestionsService, LiveSessionsService, VoteCommitter } from '@balai/live';
import { DemoCast, DemoState, DemoStep } from '../demo-step';

const asPrincipal = (user: UserView): Principal => ({ id: user.id, role: user.role, displayName: user.displayName });

const QUESTIONS: { text: string; anonymous?: boolean; upvoters: number }[] = [
  { text: 'Apakah taman akan tetap buka sampai malam, dan siapa yang menjaga keamanannya?', upvoters: 4 },
  { text: 'Berapa banyak pohon peneduh yang akan ditanam di sisi jalan Cempaka?', upvoters: 3 },
  { text: 'Apakah pedagang kaki lima yang sekarang berjualan di sana akan mendapat tempat?', anonymous: true, upvoters: 2 },
  { text: 'Kapan pembangunan dimulai dan berapa lama jalur jogging ditutup?', upvoters: 1 },
];

/**
 * A live town-hall meeting in the park consultation (`state.consultationId` from the forum step):
 * started, with approved questions from the demo citizens and their upvotes, one question on
 * screen, and one question still waiting for the moderator. Prints the join code. Sets
 * `state.liveSessionId` and `state.liveSessionCode`.
 */
@Injectable()
export class LiveDemoStep implements DemoStep {
  readonly name = 'live';
  private readonly logger = new Logger('DemoCity');

  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly questions: LiveQuestionsService,
    private readonly votes: VoteCommitter,
  ) {}

  async run(cast: DemoCast, state: DemoState): Promise<void> {
    const moderator = asPrincipal(cast.moderator);
    const citizens = cast.citizens.map(asPrincipal);
    const created = await this.sessions.create(moderator, {
      title: 'Rapat Warga: Taman Kota Cempaka',
      consultationId: state.consultationId,
      preModeration: true,
      allowAnonymous: true,
    });
    const session = await this.sessions.start(moderator, created.id);

    const approved: string[] = [];
    for (const [index, seed] of QUESTIONS.entries()) {
      const author = citizens[index % citizens.length];
      const asked = await this.questions.ask(author, {
        sessionId: session.id,
        text: seed.text,
        anonymous: seed.anonymous,
        clientRequestId: `demo-${index}`,
      });
      await this.questions.moderate(moderator, { questionId: asked.id, action: 'approve' });
      approved.push(asked.id);
      for (const voter of citizens.slice(0, seed.upvoters)) await this.votes.submit('up', asked.id, voter.id);
    }
    await this.questions.moderate(moderator, { questionId: approved[0], action: 'show' });
    await this.questions.ask(citizens[citizens.length - 1], {
      sessionId: session.id,
      text: 'Bolehkah warga ikut merawat taman lewat program adopsi pohon?',
      clientRequestId: 'demo-pending',
    });

    state.liveSessionId = session.id;
    state.liveSessionCode = session.code;
    this.logger.log(`Demo live session "${session.title}": join code ${session.code} (/live/${session.code})`);
  }
}
