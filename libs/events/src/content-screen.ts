import { Injectable } from '@nestjs/common';

/** What a screen says about a text: the terms it matched (empty: nothing to hold back). */
export type ScreenVerdict = string[];

export type Screen = (text: string) => ScreenVerdict;

/**
 * The hook through which a domain that publishes text (forum threads and posts, live questions) asks
 * whether it may go public at once, without importing the domain that decides (moderation's banned
 * words plug in with `use()` at start). With nothing plugged in, every text passes.
 */
@Injectable()
export class ContentScreen {
  private screen: Screen = () => [];

  use(screen: Screen): void {
    this.screen = screen;
  }

  /** The matched terms of all these texts, each once; empty when they may be published. */
  check(...texts: (string | null | undefined)[]): ScreenVerdict {
    const found = new Set<string>();
    for (const text of texts) if (text) for (const term of this.screen(text)) found.add(term);
    return [...found];
  }
}
