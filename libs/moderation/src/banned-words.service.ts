import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ContentScreen } from '@balai/events';
import { RealtimeHub } from '@balai/realtime';
import { BannedWord } from './banned-word.entity';
import { BannedWordsMatcher, normalise, SHIPPED_ENGLISH_TERMS, SHIPPED_INDONESIAN } from './banned-words.matcher';
import { BannedWordsDto } from './dto/moderation.dto';
import { BannedWordsResponse } from './dto/moderation.views';

/** Server-to-server message: a city changed its lists; reload them. */
const WORDS_CHANGED = 'balai:banned-words';

/**
 * The banned-word lists: what Balai ships with plus the city's additions (`moderation_banned_words`),
 * compiled into one matcher in memory and plugged into `ContentScreen`, which the forum and live ask
 * before a text goes public. Every process reloads when one of them saves new lists.
 */
@Injectable()
export class BannedWordsService implements OnModuleInit, OnApplicationBootstrap {
  private matcher = new BannedWordsMatcher();

  constructor(
    private readonly em: EntityManager,
    private readonly screen: ContentScreen,
    private readonly hub: RealtimeHub,
  ) {}

  onModuleInit(): void {
    this.screen.use((text) => this.matcher.match(text));
    this.hub.onPeerMessage(WORDS_CHANGED, () => void this.reload());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
  }

  match(text: string): string[] {
    return this.matcher.match(text);
  }

  async get(): Promise<BannedWordsResponse> {
    const extra = await this.cityWords();
    return { ...extra, shipped: { id: [...SHIPPED_INDONESIAN], en: SHIPPED_ENGLISH_TERMS } };
  }

  /** Replaces the city's additions (each list as sent, normalised and each word once). */
  async replace(input: BannedWordsDto): Promise<BannedWordsResponse> {
    const lists = { id: unique(input.id), en: unique(input.en) };
    await this.em.fork().transactional(async (em) => {
      await em.nativeDelete(BannedWord, {});
      for (const locale of ['id', 'en'] as const) for (const word of lists[locale]) em.create(BannedWord, { locale, word });
    });
    this.matcher = new BannedWordsMatcher(lists);
    this.hub.tellPeers(WORDS_CHANGED, {});
    return this.get();
  }

  private async reload(): Promise<void> {
    this.matcher = new BannedWordsMatcher(await this.cityWords());
  }

  private async cityWords(): Promise<{ id: string[]; en: string[] }> {
    const rows = await this.em.fork().find(BannedWord, {}, { orderBy: { word: 'asc' } });
    return {
      id: rows.filter((row) => row.locale === 'id').map((row) => row.word),
      en: rows.filter((row) => row.locale === 'en').map((row) => row.word),
    };
  }
}

const unique = (words: string[]): string[] => [...new Set(words.map((word) => normalise(word).trim()).filter(Boolean))].sort();
