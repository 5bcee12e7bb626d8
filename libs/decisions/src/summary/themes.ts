import { Stemmer } from 'sastrawijs';
import { newStemmer } from 'snowball-stemmers';
import stopwordsIso from 'stopwords-iso/stopwords-iso.json';
import type { SummarySourceType, SummaryTheme } from '@balai/contracts';
import type { TermCount } from '@balai/database';

/**
 * Indonesian and English stopwords (stopwords-iso), lower-case, letters only: the same tokens
 * PostgreSQL splits text into (`[^[:alpha:]]+`), so a listed word never reaches the counts.
 */
export const STOPWORDS: readonly string[] = [...new Set([...stopwordsIso.id, ...stopwordsIso.en])]
  .map((word) => word.toLowerCase())
  .filter((word) => /^\p{L}+$/u.test(word))
  .sort();

const indonesian = new Stemmer();
const english = newStemmer('english');
const stems = new Map<string, string>();

/**
 * A word's common form: Sastrawi's Indonesian root when it knows the word (it only strips affixes
 * that leave a dictionary root), otherwise the Snowball English stem. `pembangunan` → `bangun`,
 * `gardens` → `garden`; a word neither knows stays as it is.
 */
export function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    const root = indonesian.stem(word);
    stem = root !== word ? root : english.stem(word);
    if (stems.size < 200_000) stems.set(word, stem);
  }
  return stem;
}

/** Terms counted by one domain, with the kind of text they came from. */
export interface SourcedTerms {
  sourceType: SummarySourceType;
  terms: readonly TermCount[];
}

interface Group {
  kind: 'word' | 'phrase';
  count: number;
  forms: Map<string, number>;
  sources: { threads: number; posts: number; questions: number };
  examples: Map<SummarySourceType, string>;
}

const SOURCE_KEY = { thread: 'threads', post: 'posts', question: 'questions' } as const;

/**
 * Merges the words and phrases each domain counted into themes: forms with the same stem (word by
 * word, for phrases) count together, shown under their most frequent form. Ordered by count, then
 * term, so the same counts always give the same list.
 */
export function themesOf(inputs: readonly SourcedTerms[], limit: number): SummaryTheme[] {
  const groups = new Map<string, Group>();
  for (const { sourceType, terms } of inputs) {
    for (const term of terms) {
      const key = `${term.kind}:${term.term.split(' ').map(stemOf).join(' ')}`;
      let group = groups.get(key);
      if (!group) {
        group = { kind: term.kind, count: 0, forms: new Map(), sources: { threads: 0, posts: 0, questions: 0 }, examples: new Map() };
        groups.set(key, group);
      }
      group.count += term.occurrences;
      group.forms.set(term.term, (group.forms.get(term.term) ?? 0) + term.occurrences);
      group.sources[SOURCE_KEY[sourceType]] += term.documents;
      const example = group.examples.get(sourceType);
      if (example === undefined || term.firstId < example) group.examples.set(sourceType, term.firstId);
    }
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const themes = [...groups.values()]
    // A phrase said once is no theme; a word said once in a small consultation still may be.
    .filter((group) => group.kind === 'word' || group.count >= 2)
    .map((group): SummaryTheme => {
      const forms = [...group.forms.entries()].sort(([a, x], [b, y]) => y - x || byText(a, b)).map(([form]) => form);
      return {
        term: forms[0]!,
        kind: group.kind,
        count: group.count,
        forms,
        sources: group.sources,
        examples: (['thread', 'post', 'question'] as const)
          .filter((type) => group.examples.has(type))
          .map((type) => ({ sourceType: type, sourceId: group.examples.get(type)! })),
      };
    });
  return themes.sort((a, b) => b.count - a.count || byText(a.term, b.term)).slice(0, limit);
}
