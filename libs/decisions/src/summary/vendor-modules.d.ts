// Type declarations for the text libraries of the summary, which ship none.

declare module 'sastrawijs' {
  /** Sastrawi's dictionary-based Indonesian stemmer. */
  export class Stemmer {
    stem(word: string): string;
  }
}

declare module 'snowball-stemmers' {
  export interface SnowballStemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): SnowballStemmer;
}
