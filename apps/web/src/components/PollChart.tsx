import { useEffect, useId, useRef } from 'react';
import { useTranslation } from '../i18n/translator';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, type Plugin } from 'chart.js';
import type { PollResults, PollView } from '@balai/contracts';

// Only what a horizontal bar chart needs: Chart.js tree-shakes the rest (lines, pies, tooltips, legend).
Chart.register(BarController, BarElement, CategoryScale, LinearScale);

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

export type PollChartSize = 'console' | 'screen';

interface Look {
  font: number;
  barThickness: number;
  /** Lines an option's label may take. */
  lines: number;
  /** The share of the chart's width given to the options' labels (Chart.js alone would cap it and cut them). */
  labelShare: number;
  ink: string;
  bar: string;
  grid: string;
}

const CONSOLE_LOOK: Look = { font: 14, barThickness: 22, lines: 2, labelShare: 0.42, ink: '#1b1f23', bar: '#0b5d4b', grid: '#d6d0c4' };

/**
 * Read from the back of a hall: type as big as each option's share of the height allows (34 px at
 * most), two label lines only where they fit, black on white, thick bars.
 */
function screenLook(options: number, height: number): Look {
  const row = height / Math.max(1, options);
  const font = Math.max(14, Math.min(34, Math.floor(row / 2)));
  return {
    font,
    barThickness: Math.round(Math.min(font * 1.4, row * 0.7)),
    lines: row >= 2.6 * font ? 2 : 1,
    labelShare: 0.46,
    ink: '#000000',
    bar: '#0b5d4b',
    grid: '#8a8478',
  };
}

export interface PollRow {
  id: string;
  label: string;
  votes: number;
  /** Whole percent of the ballots (several options per ballot can add up to more than 100). */
  percent: number;
}

/** Each option with its votes and share of the ballots, in the poll's option order. */
export function pollRows(poll: PollView, results: PollResults): PollRow[] {
  const votes = new Map(results.options.map((option) => [option.id, option.votes]));
  return poll.options.map((option) => {
    const count = votes.get(option.id) ?? 0;
    return {
      id: option.id,
      label: option.label,
      votes: count,
      percent: results.totalBallots > 0 ? Math.round((count * 100) / results.totalBallots) : 0,
    };
  });
}

let measurer: CanvasRenderingContext2D | null = null;

/** A label broken into lines that fit `width` pixels in `font` (Chart.js draws an array as lines), `maxLines` at most. */
function wrap(label: string, width: number, font: string, maxLines: number): string[] {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return [label];
  measurer.font = font;
  const fits = (text: string) => measurer!.measureText(text).width <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && !fits(next)) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  // Too long for the chart: the last line ends in an ellipsis (the table below has the whole label).
  let last = lines.slice(maxLines - 1).join(' ');
  while (last.length > 1 && !fits(`${last}…`)) last = last.slice(0, -1);
  return [...lines.slice(0, maxLines - 1), `${last.trimEnd()}…`];
}

const labelFont = (look: Look) => `600 ${look.font}px ${FONT_FAMILY}`;

/** Draws "12 · 40 %" at the end of each bar, so the numbers are read without a tooltip. */
function valueLabels(lookRef: { current: Look }, rowsRef: { current: PollRow[] }): Plugin<'bar'> {
  return {
    id: 'balaiValueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const look = lookRef.current;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.fillStyle = look.ink;
      ctx.font = `700 ${look.font}px ${FONT_FAMILY}`;
      ctx.textBaseline = 'middle';
      meta.data.forEach((bar, index) => {
        const row = rowsRef.current[index];
        if (!row) return;
        const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
        ctx.fillText(`${row.votes} · ${row.percent}%`, x + look.font / 2, y);
      });
      ctx.restore();
    },
  };
}

/**
 * A poll's results as a horizontal bar chart (Chart.js on a canvas, updated in place as results
 * arrive), with a visually hidden table of the same numbers for screen readers and for anyone who
 * cannot see the canvas.
 */
export function PollChart({ poll, results, size = 'console' }: { poll: PollView; results: PollResults; size?: PollChartSize }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'bar'> | null>(null);
  const lookRef = useRef<Look>(CONSOLE_LOOK);
  const rows = pollRows(poll, results);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const captionId = useId();
  const optionCount = rows.length;
  const labelsKey = JSON.stringify(rows.map((row) => row.label));
  const countsKey = JSON.stringify(rows.map((row) => row.votes));

  /** The options' labels wrapped to the label column of a chart `width` pixels wide. */
  const labelsFor = (width: number) => {
    const look = lookRef.current;
    return rowsRef.current.map((row) => wrap(row.label, width * look.labelShare - 12, labelFont(look), look.lines));
  };

  /** Sizes the type and bars to the chart's box (the screen's is as tall as the projector leaves it). */
  const restyle = (chart: Chart, width: number, height: number) => {
    const look = size === 'screen' ? screenLook(rowsRef.current.length, height) : CONSOLE_LOOK;
    lookRef.current = look;
    (chart.data.datasets[0] as { maxBarThickness?: number }).maxBarThickness = look.barThickness;
    const y = chart.options.scales?.y;
    if (y?.ticks) y.ticks.font = { size: look.font, weight: 600, family: FONT_FAMILY, lineHeight: 1.15 };
    chart.options.layout = { padding: { right: look.font * 6 } };
    chart.data.labels = labelsFor(width);
  };

  useEffect(() => {
    const canvas = canvasRef.current;
    const box = canvas?.parentElement;
    if (!canvas || !box) return;
    const look = size === 'screen' ? screenLook(optionCount, box.clientHeight) : CONSOLE_LOOK;
    lookRef.current = look;
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labelsFor(box.clientWidth),
        datasets: [
          {
            data: rowsRef.current.map((row) => row.votes),
            backgroundColor: look.bar,
            maxBarThickness: look.barThickness,
            categoryPercentage: 0.8,
            barPercentage: 0.9,
            borderRadius: 4,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 300 },
        onResize: (resized, { width, height }) => restyle(resized, width, height),
        // Room at the right for the value labels.
        layout: { padding: { right: look.font * 6 } },
        events: [],
        scales: {
          x: { beginAtZero: true, display: false, suggestedMax: 1, grid: { display: false } },
          y: {
            afterFit: (scale) => {
              scale.width = Math.round(scale.chart.width * lookRef.current.labelShare);
            },
            grid: { display: false },
            border: { color: look.grid },
            ticks: { color: look.ink, font: { size: look.font, weight: 600, family: FONT_FAMILY, lineHeight: 1.15 }, autoSkip: false },
          },
        },
      },
      plugins: [valueLabels(lookRef, rowsRef)],
    });
    chartRef.current = chart;
    // The box as laid out now (fonts and the rest of the screen settled): type and bars to fit it.
    restyle(chart as unknown as Chart, chart.width, chart.height);
    chart.update('none');
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
    // labelsFor reads refs only.
  }, [size, optionCount]);

  // New numbers (or labels) move the bars of the same chart instead of drawing a new one.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data.labels = labelsFor(chart.width);
    chart.data.datasets[0].data = rowsRef.current.map((row) => row.votes);
    chart.update();
  }, [labelsKey, countsKey]);

  // The console's chart grows with its options (two label lines at most); the screen's fills its box.
  const height =
    size === 'screen'
      ? undefined
      : rows.reduce((sum, row) => sum + (row.label.length > 28 ? 2 * CONSOLE_LOOK.font * 1.15 + 14 : CONSOLE_LOOK.barThickness + 14), 16);
  return (
    <figure className={`poll-chart poll-chart-${size}`} aria-labelledby={captionId}>
      <div className="poll-chart-canvas" style={height ? { height } : undefined}>
        <canvas ref={canvasRef} aria-hidden="true" />
      </div>
      <table className="visually-hidden">
        <caption id={captionId}>{t('console.chart.caption', { question: poll.question })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.chart.option')}</th>
            <th scope="col">{t('console.chart.votes')}</th>
            <th scope="col">{t('console.chart.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              <td>{row.votes}</td>
              <td>{`${row.percent}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="poll-chart-total">{t('console.chart.total', { count: results.totalBallots })}</figcaption>
    </figure>
  );
}
