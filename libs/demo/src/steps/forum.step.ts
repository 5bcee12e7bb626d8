import { Injectable } from '@nestjs/common';
import { ThreadKind } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { ForumService } from '@balai/forum';
import { Principal, UserView } from '@balai/identity';
import { DemoCast, DemoState, DemoStep } from '../demo-step';

const asPrincipal = (user: UserView): Principal => ({ id: user.id, role: user.role, displayName: user.displayName });

const PARK_DESCRIPTION = `Lahan bekas pasar di **Jalan Cempaka** akan dijadikan taman kota seluas 1,2 hektare.
Sebelum desainnya ditetapkan, Kantor Walikota ingin mendengar warga:

- fasilitas apa yang paling dibutuhkan (taman bermain, jalur jogging, toilet, area UMKM);
- pohon peneduh apa yang cocok, dan di mana;
- bagaimana taman tetap aman dan terang pada malam hari.

Kirim ide, pertanyaan, atau keluhan di forum, dukung usulan warga lain, dan ikuti sesi tatap muka di Balai Kota.
Konsultasi ini dibuka selama 30 hari.`;

const OLD_TOWN_DESCRIPTION = `Pengumpulan ide untuk **Kawasan Budaya Kota Lama**: bangunan tua, pasar malam, kuliner,
dan pertunjukan seni. Usulkan kegiatan atau perbaikan yang membuat kawasan ini hidup kembali
tanpa menggusur warga dan pedagang yang sudah ada.`;

interface DemoThread {
  author: number;
  kind: ThreadKind;
  title: string;
  body: string;
  supporters: number[];
  posts: { by: 'official' | number; body: string }[];
}

const PARK_THREADS: DemoThread[] = [
  {
    author: 0,
    kind: 'idea',
    title: 'Taman bermain inklusif untuk semua anak',
    body: 'Usul saya: taman bermain dengan **ayunan yang bisa dipakai kursi roda**, lantai karet yang empuk, dan bangku teduh untuk orang tua yang menunggu.\n\nAnak-anak di sekitar Cempaka sekarang bermain di pinggir jalan.',
    supporters: [1, 2, 3],
    posts: [
      { by: 2, body: 'Setuju sekali. Tolong pisahkan area balita dan anak yang lebih besar.' },
      { by: 3, body: 'Jangan lupa keran air minum dekat area bermain.' },
    ],
  },
  {
    author: 1,
    kind: 'idea',
    title: 'Pohon peneduh, bukan hanya rumput',
    body: 'Tanam pohon trembesi dan ketapang kencana di sepanjang jalur pejalan kaki. Pepohonan rindang membuat taman bisa dipakai siang hari, bukan hanya sore.',
    supporters: [0, 2],
    posts: [{ by: 0, body: 'Tambahkan juga pohon buah lokal, misalnya jambu air, supaya anak-anak belajar.' }],
  },
  {
    author: 2,
    kind: 'idea',
    title: 'Penerangan taman yang hemat energi',
    body: 'Lampu LED tenaga surya di jalur jogging dan dekat toilet. Taman yang terang lebih aman untuk perempuan yang olahraga malam.',
    supporters: [0, 1, 3],
    posts: [],
  },
  {
    author: 3,
    kind: 'question',
    title: 'Berapa anggaran pembangunan taman ini?',
    body: 'Apakah anggarannya dari APBD tahun ini? Berapa besarnya, dan apakah ada bagian untuk perawatan setelah taman selesai?',
    supporters: [1],
    posts: [
      {
        by: 'official',
        body: 'Terima kasih atas pertanyaannya. Pembangunan dianggarkan **Rp 4,8 miliar** dari APBD 2027, dan Rp 350 juta per tahun untuk perawatan oleh Dinas Lingkungan Hidup. Rinciannya akan kami unggah di halaman konsultasi ini.',
      },
      { by: 3, body: 'Terima kasih, ditunggu rinciannya.' },
    ],
  },
  {
    author: 1,
    kind: 'complaint',
    title: 'Drainase di sekitar lahan sering mampet',
    body: 'Setiap hujan deras, saluran air di Jalan Cempaka meluap dan lahan ini tergenang. Kalau drainase tidak diperbaiki dulu, taman akan jadi kolam lumpur.',
    supporters: [0, 2, 3],
    posts: [
      { by: 'official', body: 'Dinas PU sudah menjadwalkan normalisasi saluran sebelum pembangunan dimulai. Kami akan mengabari di sini.' },
    ],
  },
  {
    author: 0,
    kind: 'discussion',
    title: 'Bagaimana dengan pedagang kaki lima?',
    body: 'Dulu lahan ini pasar. Apakah pedagang bisa mendapat tempat di area UMKM taman? Mari diskusikan aturan yang adil: jam buka, kebersihan, dan biaya sewa.',
    supporters: [3],
    posts: [
      { by: 2, body: 'Area kuliner boleh, asal sampahnya dikelola dan tidak menutup jalur pejalan kaki.' },
      { by: 1, body: 'Prioritaskan pedagang lama dari pasar Cempaka.' },
    ],
  },
];

const OLD_TOWN_THREADS: DemoThread[] = [
  {
    author: 2,
    kind: 'idea',
    title: 'Pasar malam budaya setiap Sabtu',
    body: 'Tutup jalan utama Kota Lama untuk kendaraan setiap Sabtu malam: pertunjukan gamelan, tari, dan kuliner tradisional.',
    supporters: [0, 1],
    posts: [{ by: 0, body: 'Bagus, tapi sediakan kantong parkir di luar kawasan.' }],
  },
  {
    author: 3,
    kind: 'idea',
    title: 'Papan cerita sejarah di bangunan tua',
    body: 'Pasang papan informasi dengan kode QR di setiap bangunan cagar budaya, dalam bahasa Indonesia dan Inggris.',
    supporters: [2],
    posts: [],
  },
];

/**
 * The park consultation ("Desain Taman Kota Cempaka") with threads of every kind, supports and
 * an official answer, plus an idea collection for the old town. Sets `state.consultationId`
 * (the park) and `state.oldTownConsultationId`, `state.budgetThreadId`.
 */
@Injectable()
export class ForumDemoStep implements DemoStep {
  readonly name = 'consultations and forum';

  constructor(
    private readonly consultations: ConsultationsService,
    private readonly forum: ForumService,
  ) {}

  async run(cast: DemoCast, state: DemoState): Promise<void> {
    const official = asPrincipal(cast.official);
    const park = await this.consultations.create(
      {
        title: 'Desain Taman Kota Cempaka',
        description: PARK_DESCRIPTION,
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
      official.id,
    );
    const oldTown = await this.consultations.create(
      { title: 'Kawasan Budaya Kota Lama', description: OLD_TOWN_DESCRIPTION, closesAt: null },
      official.id,
    );
    state.consultationId = park.id;
    state.oldTownConsultationId = oldTown.id;

    const parkThreads = await this.seedThreads(cast, park.id, PARK_THREADS);
    state.budgetThreadId = parkThreads[3] ?? '';
    await this.seedThreads(cast, oldTown.id, OLD_TOWN_THREADS);
    // A thread outside any consultation: the forum is open all year.
    await this.forum.createThread(
      {
        title: 'Jadwal pengangkutan sampah di Kelurahan Melati',
        body: 'Truk sampah sekarang datang tidak menentu. Bisakah jadwalnya diumumkan di Balai?',
        kind: 'question',
      },
      asPrincipal(cast.citizens[2] ?? cast.citizens[0]),
    );
  }

  private async seedThreads(cast: DemoCast, consultationId: string, threads: DemoThread[]): Promise<string[]> {
    const citizen = (index: number) => asPrincipal(cast.citizens[index % cast.citizens.length]);
    const ids: string[] = [];
    for (const seed of threads) {
      const thread = await this.forum.createThread(
        { title: seed.title, body: seed.body, kind: seed.kind, consultationId },
        citizen(seed.author),
      );
      ids.push(thread.id);
      for (const supporter of seed.supporters) await this.forum.support(thread.id, citizen(supporter));
      for (const post of seed.posts) {
        await this.forum.createPost(thread.id, { body: post.body }, post.by === 'official' ? asPrincipal(cast.official) : citizen(post.by));
      }
    }
    return ids;
  }
}
