import { DataSet, englishDataset, englishRecommendedTransformers, parseRawPattern, RegExpMatcher, type MatchPayload } from 'obscenity';
import indonesianBadwords from 'indonesian-badwords/src/dict.json';

/**
 * Entries of `indonesian-badwords` (MIT) that Balai does not ship: ordinary words a town hall uses
 * every day (`sampah` waste, `babi` pig, `anjing` dog, `monyet` monkey, `sial`), words that are innocent
 * in a regional language or a common idiom (`tete` grandfather in eastern Indonesia, `tetek bengek`
 * trivialities, `bagong` a wayang character, `kirik` puppy, `celeng` wild boar, `jurig` ghost, `ndas`
 * head, `udik` upriver), illnesses (`kurap`, `buduk`, `budug`, `conge`, `congek`, `congean`), a place
 * name (`pante`), a brand (`patek`), and `ewe`/`homo`, which are also English and Latin.
 */
export const INDONESIAN_EXCLUDED: readonly string[] = [
  'anjing',
  'babi',
  'bagong',
  'buduk',
  'budug',
  'celeng',
  'conge',
  'congean',
  'congek',
  'ewe',
  'genjik',
  'homo',
  'jurig',
  'kirik',
  'kurap',
  'monyet',
  'ndas',
  'pante',
  'patek',
  'sampah',
  'sial',
  'tete',
  'tetek',
  'udik',
];

const excluded = new Set(INDONESIAN_EXCLUDED);

/** The Indonesian list Balai ships with: `indonesian-badwords` less INDONESIAN_EXCLUDED. */
export const SHIPPED_INDONESIAN: readonly string[] = (indonesianBadwords as string[])
  .map((word) => word.toLowerCase())
  .filter((word) => /^[a-z]+$/.test(word) && !excluded.has(word));

/**
 * Indonesian words that contain one of obscenity's English terms (`anal`, `penis`): kept clean the
 * way obscenity keeps `analysis` clean, by whitelisting them.
 */
export const INDONESIAN_WHITELIST: readonly string[] = ['analisis', 'analisa', 'analis', 'analitik', 'analogi', 'penisilin'];

/** How many English terms obscenity's `englishDataset` holds. */
export const SHIPPED_ENGLISH_TERMS: number = englishDataset.build().blacklistedTerms.length;

/** A word an admin may add: letters (any script), digits, spaces, apostrophes and hyphens, 2..60. */
export const CITY_WORD = /^[\p{L}\p{N}][\p{L}\p{N}' -]{0,58}[\p{L}\p{N}]$/u;

/**
 * Lower case, accents off (`fück` → `fuck`), and an exclamation mark that ends a word dropped (obscenity
 * reads `!` as the l33t `i`, which would glue a letter to the word's end and defeat its boundary).
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/!+(?=[\s\p{P}]|$)/gu, ' ')
    .toLowerCase();
}

/**
 * The banned-word matcher: obscenity's English dataset (its own whitelists keep `Scunthorpe`,
 * `assessment` and the like clean) plus the Indonesian list and a city's additions as whole words
 * (`|word|`: `kebangsatan` or `cokelat` never match `bangsat` or `cok`). obscenity's recommended
 * transformers resist case, repeated letters (`fuuuck`, `baaangsaaat`), l33t (`b4ngs4t`, `sh1t`) and
 * confusable characters.
 */
export class BannedWordsMatcher {
  private readonly matcher: RegExpMatcher;
  private readonly dataset: DataSet<{ originalWord: string }>;

  constructor(extra: { id: readonly string[]; en: readonly string[] } = { id: [], en: [] }) {
    const dataset = new DataSet<{ originalWord: string }>()
      .addAll(englishDataset)
      // obscenity's `n[i]gga` matches inside `bangga`, `tetangga`, `anggaran`, `tinggal`: at a word's start only here.
      .removePhrasesIf((phrase) => phrase.metadata?.originalWord === 'nigger')
      .addPhrase((phrase) =>
        phrase
          .setMetadata({ originalWord: 'nigger' })
          .addPattern(parseRawPattern('|n[i]gger'))
          .addPattern(parseRawPattern('|nigga'))
          .addPattern(parseRawPattern('|nig|'))
          .addPattern(parseRawPattern('|nigs|'))
          .addWhitelistedTerm('snigger'),
      );
    const words = new Set([...SHIPPED_INDONESIAN, ...extra.id.map(normalise), ...extra.en.map(normalise)]);
    for (const word of words) {
      const pattern = word.replace(/[[\]()?|\\]/g, '');
      if (!pattern.trim()) continue;
      dataset.addPhrase((phrase) => phrase.setMetadata({ originalWord: word }).addPattern(parseRawPattern(`|${pattern}|`)));
    }
    this.dataset = dataset;
    const built = dataset.build();
    this.matcher = new RegExpMatcher({
      ...built,
      whitelistedTerms: [...(built.whitelistedTerms ?? []), ...INDONESIAN_WHITELIST],
      ...englishRecommendedTransformers,
    });
  }

  /** The listed words this text contains, each once (empty: none). */
  match(text: string): string[] {
    const matches: MatchPayload[] = this.matcher.getAllMatches(normalise(text));
    const words = new Set<string>();
    for (const match of matches) {
      const word = this.dataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
      if (word) words.add(word);
    }
    return [...words];
  }
}
