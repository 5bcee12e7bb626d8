import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from './i18n/translator';
import { Link, NavLink, Outlet, Route, Routes, useSearchParams } from 'react-router-dom';
import type { Locale } from '@balai/contracts';
import { useAuth } from './auth';
import { chooseLanguage, currentLanguage, loadCatalogues } from './i18n';
import { Loading } from './components/Status';
import { NotFoundPage } from './pages/NotFoundPage';

// Each area loads on its own: a phone in the hall fetches the participant page, not the forum's,
// the console's or the screen's code (and a reader of the forum not the live pages').
// Home and consultation pages show decisions too: their words come with them.
const HomePage = lazy(() =>
  Promise.all([import('./pages/HomePage'), loadCatalogues('decisions')]).then(([m]) => ({ default: m.HomePage })),
);
const ConsultationPage = lazy(() =>
  Promise.all([import('./pages/ConsultationPage'), loadCatalogues('decisions', 'notifications')]).then(([m]) => ({
    default: m.ConsultationPage,
  })),
);
const DecisionsPage = lazy(() =>
  Promise.all([import('./pages/decisions/DecisionsPage'), loadCatalogues('decisions')]).then(([m]) => ({ default: m.DecisionsPage })),
);
const DecisionPage = lazy(() =>
  Promise.all([import('./pages/decisions/DecisionPage'), loadCatalogues('decisions')]).then(([m]) => ({ default: m.DecisionPage })),
);
const ThreadPage = lazy(() =>
  Promise.all([import('./pages/ThreadPage'), loadCatalogues('notifications')]).then(([m]) => ({ default: m.ThreadPage })),
);
const LoginPage = lazy(() => import('./pages/AuthPages').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('./pages/AuthPages').then((m) => ({ default: m.RegisterPage })));
const EnterCodePage = lazy(() => import('./pages/live/EnterCodePage').then((m) => ({ default: m.EnterCodePage })));
const ParticipantPage = lazy(() => import('./pages/live/ParticipantPage').then((m) => ({ default: m.ParticipantPage })));
// The console's and the screen's words come with their code (the poll chart on the screen speaks console.chart.*).
const ConsolePage = lazy(() =>
  Promise.all([import('./pages/live/ConsolePage'), loadCatalogues('console', 'moderation')]).then(([m]) => ({ default: m.ConsolePage })),
);
const ScreenPage = lazy(() =>
  Promise.all([import('./pages/live/ScreenPage'), loadCatalogues('console', 'screen')]).then(([m]) => ({ default: m.ScreenPage })),
);
const TransparencyPage = lazy(() =>
  Promise.all([import('./pages/transparency/TransparencyPage'), loadCatalogues('transparency')]).then(([m]) => ({
    default: m.TransparencyPage,
  })),
);
const ModerationDeskPage = lazy(() =>
  Promise.all([import('./pages/moderation/ModerationDeskPage'), loadCatalogues('moderation')]).then(([m]) => ({
    default: m.ModerationDeskPage,
  })),
);
const NotificationsPage = lazy(() =>
  Promise.all([import('./pages/notifications/NotificationsPage'), loadCatalogues('notifications')]).then(([m]) => ({
    default: m.NotificationsPage,
  })),
);
const MePage = lazy(() =>
  Promise.all([import('./pages/notifications/MePage'), loadCatalogues('notifications')]).then(([m]) => ({ default: m.MePage })),
);
// The badge's live count needs socket.io-client: it comes after the first paint, the link before it.
const NotificationBadge = lazy(() =>
  Promise.all([import('./components/NotificationBadge'), loadCatalogues('notifications')]).then(([m]) => ({
    default: m.NotificationBadge,
  })),
);
const NewLiveSessionPage = lazy(() => import('./pages/live/NewLiveSessionPage').then((m) => ({ default: m.NewLiveSessionPage })));

const LANGUAGE_NAMES: Record<Locale, { short: string; name: string }> = {
  id: { short: 'ID', name: 'Bahasa Indonesia' },
  en: { short: 'EN', name: 'English' },
};

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const active = currentLanguage();

  const choose = (language: Locale) => {
    void chooseLanguage(language);
    if (params.has('lang')) {
      const next = new URLSearchParams(params);
      next.delete('lang');
      setParams(next, { replace: true });
    }
  };

  return (
    <div className="language-switch" role="group" aria-label={t('shell.language')} data-language={i18n.language}>
      {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((language) => (
        // The name holds the visible text (WCAG 2.5.3, label in name): "EN English", read in its own language.
        <button key={language} type="button" lang={language} aria-pressed={active === language} onClick={() => choose(language)}>
          {LANGUAGE_NAMES[language].short}
          <span className="visually-hidden"> {LANGUAGE_NAMES[language].name}</span>
        </button>
      ))}
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { user, signOut, endedByServer, dismissEnded, deleted } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="site-header">
        <div className="header-top">
          <Link to="/" className="brand">
            <span className="brand-name">Balai</span>
            <span className="brand-city">{t('shell.city')}</span>
          </Link>
          <LanguageSwitch />
        </div>
        <nav aria-label={t('shell.nav')} className="site-nav">
          <NavLink to="/" end>
            {t('shell.home')}
          </NavLink>
          <NavLink to="/decisions">{t('shell.decisions')}</NavLink>
          {user ? (
            <span className="account">
              <Suspense
                fallback={
                  <NavLink to="/notifications" className="notification-link">
                    {t('shell.notifications')}
                  </NavLink>
                }
              >
                <NotificationBadge userId={user.id} />
              </Suspense>
              <NavLink to="/me" className="signed-in">
                {t('shell.signedInAs', { name: user.displayName })}
              </NavLink>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                {t('shell.signOut')}
              </button>
            </span>
          ) : user === null ? (
            <>
              <NavLink to="/login">{t('shell.signIn')}</NavLink>
              <NavLink to="/register">{t('shell.register')}</NavLink>
            </>
          ) : null}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {deleted && !user ? (
          <div className="notice session-ended" role="status">
            <p>{t('shell.accountDeleted')}</p>
          </div>
        ) : null}
        {endedByServer && !user ? (
          <div className="notice session-ended" role="status">
            <p>{t('shell.sessionEnded')}</p>
            <p>
              <Link to="/login" onClick={dismissEnded}>
                {t('shell.signInAgain')}
              </Link>
            </p>
          </div>
        ) : null}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('shell.footer')}</p>
        <p>
          <Link to="/transparency">{t('shell.transparency')}</Link>
        </p>
      </footer>
    </>
  );
}

export function App() {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route path="consultations/:id" element={<ConsultationPage />} />
        <Route path="threads/:id" element={<ThreadPage />} />
        <Route path="decisions" element={<DecisionsPage />} />
        <Route path="decisions/:id" element={<DecisionPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="live" element={<EnterCodePage />} />
        <Route path="live/:code" element={<ParticipantPage />} />
        <Route path="live/:code/moderate" element={<ConsolePage />} />
        <Route path="live/new" element={<NewLiveSessionPage />} />
        <Route path="transparency" element={<TransparencyPage />} />
        <Route path="moderation" element={<ModerationDeskPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="me" element={<MePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      {/* The projector: full screen, without the site's header and footer. */}
      <Route
        path="live/:code/screen"
        element={
          <Suspense fallback={<Loading />}>
            <ScreenPage />
          </Suspense>
        }
      />
    </Routes>
  );
}
