import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translator';
import { useNavigate } from 'react-router-dom';
import type { UserView } from '@balai/contracts';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/Status';
import { useForm } from '../../useForm';

/**
 * "Your data" on `/me`: download everything Balai holds about me (a JSON file, fetched with the
 * token in the header, never in a URL) and delete my account after a confirmation dialog (accounts
 * type their password; guests have none).
 */
export function YourData({ me }: { me: UserView }) {
  const { t } = useTranslation();
  const { accountDeleted } = useAuth();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [downloaded, setDownloaded] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const download = useForm();
  const remove = useForm({
    name: 'deleteAccount',
    describe: (error: ApiError) => (error.code === 'wrong_password' ? t('notifications.data.wrongPassword') : undefined),
  });
  const guest = !me.email;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (confirming && !element.open) element.showModal();
    if (!confirming && element.open) element.close();
  }, [confirming]);

  const save = () => {
    setDownloaded(false);
    void download.submit(async () => {
      const data = await api('GET /me/export');
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `balai-data-${data.exportedAt.slice(0, 10)}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
      setDownloaded(true);
    });
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!guest && !password) {
      remove.fail(t('notifications.data.passwordRequired'));
      return;
    }
    void remove.submit(async () => {
      await api('DELETE /me', { body: guest ? {} : { password } });
      setConfirming(false);
      navigate('/');
      accountDeleted();
    });
  };

  return (
    <section className="panel" aria-labelledby="your-data-heading">
      <h2 id="your-data-heading">{t('notifications.data.title')}</h2>
      <p>{t('notifications.data.intro')}</p>
      <FormAlert message={download.error} />
      <p>
        <button type="button" className="button" onClick={save} disabled={download.busy}>
          {t('notifications.data.download')}
        </button>
      </p>
      <p role="status">{downloaded ? t('notifications.data.downloaded') : ''}</p>
      <p>{t('notifications.data.deleteIntro')}</p>
      <p>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {t('notifications.data.delete')}
        </button>
      </p>
      <dialog ref={dialog} aria-labelledby="delete-heading" aria-describedby="delete-explained" onClose={() => setConfirming(false)}>
        <form className="form" onSubmit={confirm} noValidate>
          <h2 id="delete-heading">{t('notifications.data.confirmTitle')}</h2>
          <p id="delete-explained">{t('notifications.data.confirmText')}</p>
          <FormAlert message={remove.error} />
          {guest ? null : (
            <Field label={t('notifications.data.password')} errors={remove.fieldErrors.password}>
              {(props) => (
                <input
                  {...props}
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                />
              )}
            </Field>
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={remove.busy}>
              {t('notifications.data.confirm')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('notifications.data.cancel')}
            </button>
          </p>
        </form>
      </dialog>
    </section>
  );
}
