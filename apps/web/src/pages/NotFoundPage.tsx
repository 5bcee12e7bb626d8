import { useTranslation } from '../i18n/translator';
import { Link } from 'react-router-dom';
import { useTitle } from '../useTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  useTitle(t('common.pageNotFound'));
  return (
    <section className="page">
      <h1>{t('common.pageNotFound')}</h1>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </section>
  );
}
