/** One recurring word or two-word phrase in a body of text, as PostgreSQL counted it. */
export interface TermCount {
  kind: 'word' | 'phrase';
  /** Lower-case; a phrase is two words joined by one space. */
  term: string;
  occurrences: number;
  /** Distinct texts (rows of the source) it occurs in. */
  documents: number;
  /** The smallest id of a text it occurs in: a source to link to. */
  firstId: string;
}

export interface TermCountRow {
  kind: 'word' | 'phrase';
  term: string;
  occurrences: number | string;
  documents: number | string;
  first_id: string;
}

/**
 * SQL that counts the words (three letters or more, stopwords left out) and two-word phrases (two
 * adjacent kept words) of the texts a domain selects, inside PostgreSQL, so that only the
 * vocabulary travels to JavaScript. `source` selects `(id, body)` rows; its own parameters come
 * after the stopword list. Parameters: `[stopwordsJson, ...sourceParams, wordLimit, phraseLimit]`.
 * Ties are broken by the term in the "C" collation, so the same texts give the same list.
 */
export function termCountsSql(source: string): string {
  return `with stop as materialized (select jsonb_array_elements_text(?::jsonb) as word),
  docs as (${source}),
  tokens as (
    select d.id::text as id, w.word, lead(w.word) over (partition by d.id order by w.pos) as next
      from docs d cross join lateral regexp_split_to_table(lower(d.body), '[^[:alpha:]]+') with ordinality as w(word, pos)
  ),
  kept as (
    select t.id, t.word,
           case when length(t.next) >= 3 and not exists (select 1 from stop s where s.word = t.next) then t.next end as next
      from tokens t
     where length(t.word) >= 3 and not exists (select 1 from stop s where s.word = t.word)
  ),
  words as (
    select word as term, count(*) as occurrences, count(distinct id) as documents, min(id) as first_id
      from kept group by word order by occurrences desc, word collate "C" limit ?
  ),
  phrases as (
    select word || ' ' || next as term, count(*) as occurrences, count(distinct id) as documents, min(id) as first_id
      from kept where next is not null group by word, next order by occurrences desc, word collate "C", next collate "C" limit ?
  )
  select 'word' as kind, term, occurrences, documents, first_id from words
  union all
  select 'phrase' as kind, term, occurrences, documents, first_id from phrases`;
}

export function toTermCounts(rows: readonly TermCountRow[]): TermCount[] {
  return rows.map((row) => ({
    kind: row.kind,
    term: row.term,
    occurrences: Number(row.occurrences),
    documents: Number(row.documents),
    firstId: row.first_id,
  }));
}

/** How a domain is asked for its terms: which words to leave out, and how many of each kind to return. */
export interface TermQuery {
  stopwords: readonly string[];
  wordLimit: number;
  phraseLimit: number;
}
