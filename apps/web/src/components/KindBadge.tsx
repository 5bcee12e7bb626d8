import { useTranslation } from '../i18n/translator';
import type { ThreadKind } from '@balai/contracts';

export function KindBadge({ kind }: { kind: ThreadKind }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${kind}`}>{t(`kind.${kind}`)}</span>;
}
