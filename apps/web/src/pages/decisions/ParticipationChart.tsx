import { useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/translator';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale } from 'chart.js';
import type { SummaryDay } from '@balai/contracts';
import { formatDate } from '../../format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);

const SERIES = [
  { key: 'threads', color: '#1d4ed8' },
  { key: 'posts', color: '#0f766e' },
  { key: 'questions', color: '#b45309' },
  { key: 'ballots', color: '#7c3aed' },
  { key: 'supports', color: '#be123c' },
  { key: 'upvotes', color: '#4d7c0f' },
] as const;

/**
 * Participation over time: a stacked bar per day (Chart.js), drawn for the eye; the same figures
 * are in the table below it, which is what a screen reader reads.
 */
export function ParticipationChart({ days }: { days: SummaryDay[] }) {
  const { t, i18n } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current || days.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: days.map((day) => formatDate(day.day)),
        datasets: SERIES.map((series) => ({
          label: t(`decisions.summary.${series.key}`),
          data: days.map((day) => day[series.key]),
          backgroundColor: series.color,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [days, t, i18n.language]);

  if (days.length === 0) return <p className="empty">{t('decisions.summary.noActivity')}</p>;
  return (
    <figure className="decision-chart">
      <div className="decision-chart-canvas">
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      <figcaption className="visually-hidden">{t('decisions.summary.overTime')}</figcaption>
      {/* Focusable so a keyboard can scroll it on a narrow screen. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('decisions.summary.byDay')}>
        <table className="decision-table">
          <caption>{t('decisions.summary.byDay')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decisions.summary.day')}</th>
              {SERIES.map((series) => (
                <th scope="col" key={series.key}>
                  {t(`decisions.summary.${series.key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatDate(day.day)}</th>
                {SERIES.map((series) => (
                  <td key={series.key}>{day[series.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
