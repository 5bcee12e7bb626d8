import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../../i18n/translator';
import type { LiveConnection } from '../../../live/useLiveRoom';

/**
 * Says when the page is not live ("Reconnecting…"), and briefly that it is again. The region is
 * always there, so a screen reader hears each change once.
 */
export const ConnectionBanner = memo(function ConnectionBanner({ connection }: { connection: LiveConnection }) {
  const { t } = useTranslation();
  const wasDown = useRef(false);
  const [back, setBack] = useState(false);

  useEffect(() => {
    if (connection === 'reconnecting' || connection === 'offline') wasDown.current = true;
    if (connection !== 'live' || !wasDown.current) return;
    wasDown.current = false;
    setBack(true);
    const timer = window.setTimeout(() => setBack(false), 4_000);
    return () => window.clearTimeout(timer);
  }, [connection]);

  const text =
    connection === 'connecting'
      ? t('live.connecting')
      : connection === 'reconnecting'
        ? t('live.reconnecting')
        : connection === 'offline'
          ? t('live.offline')
          : back
            ? t('live.reconnected')
            : '';
  const down = connection === 'reconnecting' || connection === 'offline';
  return (
    <div className={text ? `live-banner${down ? ' live-banner-down' : ''}` : 'live-banner-idle'} role="status">
      {text && (
        <>
          {connection !== 'live' && <span className="live-spinner" aria-hidden="true" />}
          {text}
        </>
      )}
    </div>
  );
});
