import { forwardRef } from 'react';
import { useTranslation } from '../../../i18n/translator';

const KEYS = [
  ['A', 'console.shortcuts.approve'],
  ['R', 'console.shortcuts.reject'],
  ['S', 'console.shortcuts.screen'],
  ['D', 'console.shortcuts.answer'],
  ['X', 'console.shortcuts.archive'],
  ['J / ↓', 'console.shortcuts.next'],
  ['K / ↑', 'console.shortcuts.previous'],
  ['Esc', 'console.shortcuts.cancel'],
  ['?', 'console.shortcuts.help'],
] as const;

/** The keyboard shortcuts, always one click (or "?") away; they act on the focused question and never while typing. */
export const ShortcutsHelp = forwardRef<HTMLDetailsElement>(function ShortcutsHelp(_, ref) {
  const { t } = useTranslation();
  return (
    <details ref={ref} className="console-shortcuts">
      <summary>{t('console.shortcuts.title')}</summary>
      <p>{t('console.shortcuts.intro')}</p>
      <dl>
        {KEYS.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
});
