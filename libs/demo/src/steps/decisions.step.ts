import { Injectable } from '@nestjs/common';
import { ConsultationsService } from '@balai/consultations';
import { DecisionsService } from '@balai/decisions';
import { ForumService } from '@balai/forum';
import { Principal, UserView } from '@balai/identity';
import { PollsService } from '@balai/polls';
import { DemoCast, DemoState, DemoStep } from '../demo-step';

const asPrincipal = (user: UserView): Principal => ({ id: user.id, role: user.role, displayName: user.displayName });

const BIKE_DESCRIPTION = `Kantor Walikota mengusulkan **jalur sepeda terlindung** di sepanjang Jalan Merdeka (2,4 km),
dari Stasiun Kota sampai Pasar Baru. Apakah warga setuju, dan apa yang perlu diperhatikan:
parkir, pedagang, penyeberangan, dan keselamatan anak sekolah?`;

const BIKE_THREADS = [
  {
    author: 0,
    title: 'Jalur sepeda terlindung, bukan sekadar cat',
    body: 'Jalur sepeda harus dipisah dengan pembatas beton, bukan hanya garis cat. Tanpa pembatas, motor akan masuk ke jalur sepeda.',
    supporters: [1, 2, 3],
    posts: [
      { by: 1, body: 'Setuju, pembatas fisik membuat anak sekolah berani bersepeda.' },
      { by: 3, body: 'Pembatas juga perlu celah untuk ambulans.' },
    ],
  },
  {
    author: 2,
    title: 'Parkir pedagang di Jalan Merdeka',
    body: 'Pedagang di Jalan Merdeka butuh tempat bongkar muat pagi hari. Mohon jalur sepeda tidak menutup akses bongkar muat.',
    supporters: [0, 3],
    posts: [{ by: 0, body: 'Bongkar muat bisa dijadwalkan sebelum jam tujuh pagi.' }],
  },
  {
    author: 3,
    title: 'Penyeberangan aman dekat sekolah',
    body: 'Tambahkan zebra cross dan lampu penyeberangan di depan SD Merdeka, karena jalur sepeda akan menambah arus di sana.',
    supporters: [0, 1],
    posts: [],
  },
];

const DECISION = `## Yang kami dengar

Warga mendukung jalur sepeda di Jalan Merdeka, asal **terlindung dengan pembatas fisik**, tidak menutup
bongkar muat pedagang, dan aman di depan sekolah.

## Yang kami putuskan

1. Jalur sepeda terlindung dibangun sepanjang 2,4 km dengan pembatas beton dan celah untuk kendaraan darurat.
2. Bongkar muat pedagang diizinkan pukul 05.00–07.00 di kantong khusus.
3. Penyeberangan dengan lampu dipasang di depan SD Merdeka.

## Langkah berikutnya

Desain teknis diumumkan bulan depan; pembangunan dimulai setelah musim hujan.`;

const AMENDMENT = `Jadwal diperbarui: desain teknis mundur dua minggu karena survei drainase di Jalan Merdeka.
Pembangunan tetap dimulai setelah musim hujan.`;

/**
 * A consultation already decided, beside the open ones: the bike lane on Jalan Merdeka, with
 * threads, supports and a poll, closed (its summary generated), its decision published and then
 * amended, all through the services so that every event fires (and, once bound, the log entries
 * are written). Sets `state.decidedConsultationId` and `state.decisionId`.
 */
@Injectable()
export class DecisionsDemoStep implements DemoStep {
  readonly name = 'a decided consultation';

  constructor(
    private readonly consultations: ConsultationsService,
    private readonly forum: ForumService,
    private readonly polls: PollsService,
    private readonly decisions: DecisionsService,
  ) {}

  async run(cast: DemoCast, state: DemoState): Promise<void> {
    const official = asPrincipal(cast.official);
    const citizen = (index: number) => asPrincipal(cast.citizens[index % cast.citizens.length]);
    const bike = await this.consultations.create(
      { title: 'Jalur Sepeda Jalan Merdeka', description: BIKE_DESCRIPTION, closesAt: null },
      official.id,
    );
    const threadIds: string[] = [];
    for (const seed of BIKE_THREADS) {
      const thread = await this.forum.createThread(
        { title: seed.title, body: seed.body, kind: 'idea', consultationId: bike.id },
        citizen(seed.author),
      );
      threadIds.push(thread.id);
      for (const supporter of seed.supporters) await this.forum.support(thread.id, citizen(supporter));
      for (const post of seed.posts) await this.forum.createPost(thread.id, { body: post.body }, citizen(post.by));
    }
    const poll = await this.polls.create(
      {
        question: 'Apakah Anda setuju dengan jalur sepeda di Jalan Merdeka?',
        options: ['Setuju', 'Setuju dengan syarat', 'Tidak setuju'],
        consultationId: bike.id,
      },
      official,
    );
    const [yes, conditional, no] = poll.options.map((option) => option.id);
    const ballots = [conditional, yes, conditional, no];
    for (const [index, person] of cast.citizens.entries())
      await this.polls.vote(poll.id, asPrincipal(person), [ballots[index % ballots.length]]);

    await this.decisions.close(bike.id, official.id);
    const decision = await this.decisions.publish(
      bike.id,
      { title: 'Jalur sepeda terlindung di Jalan Merdeka', body: DECISION, citedThreadIds: threadIds },
      official.id,
    );
    await this.decisions.amend(decision.id, { body: AMENDMENT }, official.id);
    state.decidedConsultationId = bike.id;
    state.decisionId = decision.id;
  }
}
