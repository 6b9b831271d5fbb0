// Plain SVG charts. Each draws at most a few hundred marks (the API aggregates), scales with
// its container through the viewBox, and comes with its numbers as a table for screen readers.
import type { ComponentChildren } from 'preact';

export const W = 640;
export const H = 220;
// Room for labels of up to 26 viewBox units (the narrowest charts, dashboard.css).
export const PAD = { top: 12, right: 12, bottom: 38, left: 60 };

/** A chart's figures as a table: visually hidden, read by screen readers and by the tests. */
export function DataTable(props: { caption: string; head: string[]; rows: (string | number)[][]; visible?: boolean }) {
  const table = (
    <table class="data">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.head.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th scope="row" key={j}>
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  // A table ignores width: 1px, so the visually hidden one sits in a clipped box.
  return props.visible ? table : <div class="sr-only">{table}</div>;
}

/** An SVG chart that scales with its container (dashboard.css keeps its labels readable). */
export function Frame(props: { label: string; children: ComponentChildren; height?: number }) {
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${props.height ?? H}`}
      role="img"
      aria-label={props.label}
      preserveAspectRatio="xMidYMid meet"
    >
      {props.children}
    </svg>
  );
}

const niceTicks = (lo: number, hi: number, count = 4) => {
  const step = (hi - lo) / count;
  return Array.from({ length: count + 1 }, (_, i) => lo + step * i);
};

/** A line with a shaded 95% band, for NPS (or any score) over time. */
export function LineBand(props: {
  label: string;
  points: { x: string; y: number | null; lo: number | null; hi: number | null }[];
  yMin: number;
  yMax: number;
}) {
  const { points, yMin, yMax } = props;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - ((v - yMin) / (yMax - yMin)) * innerH;
  const known = points.map((p, i) => ({ ...p, i })).filter((p) => p.y !== null);
  const line = known.map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.y ?? 0).toFixed(1)}`).join('');
  const banded = known.filter((p) => p.lo !== null && p.hi !== null);
  const band =
    banded.length > 0
      ? `${banded.map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.hi ?? 0).toFixed(1)}`).join('')}${banded
          .slice()
          .reverse()
          .map((p) => `L${x(p.i).toFixed(1)},${y(p.lo ?? 0).toFixed(1)}`)
          .join('')}Z`
      : '';
  // At most three period labels, so "2026-W47" never overlaps its neighbour on a 375 px phone.
  const labelEvery = Math.max(1, Math.ceil(points.length / 3));
  return (
    <Frame label={props.label}>
      {niceTicks(yMin, yMax).map((t) => (
        <g key={t} class="grid">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
          <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
            {Math.round(t)}
          </text>
        </g>
      ))}
      {yMin < 0 && yMax > 0 && <line class="zero" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />}
      <path class="band" d={band} />
      <path class="line" d={line} />
      {known.length <= 60 && known.map((p) => <circle key={p.i} class="dot" cx={x(p.i)} cy={y(p.y ?? 0)} r={3} />)}
      {points.map((p, i) =>
        i % labelEvery === 0 ? (
          <text key={p.x} class="axis" x={x(i)} y={H - 8} text-anchor="middle">
            {p.x}
          </text>
        ) : null,
      )}
    </Frame>
  );
}

/** Vertical bars with a class per bar (e.g. NPS bands), for distributions and histograms. */
export function Bars(props: {
  label: string;
  bars: { x: string; n: number; tone?: string }[];
  height?: number;
  /** At most this many axis labels, so long ones do not overlap. */
  maxLabels?: number;
}) {
  const h = props.height ?? 180;
  const innerW = W - PAD.left - PAD.right;
  const innerH = h - PAD.top - PAD.bottom;
  const max = Math.max(1, ...props.bars.map((b) => b.n));
  const slot = innerW / Math.max(1, props.bars.length);
  const labelEvery = Math.max(1, Math.ceil(props.bars.length / (props.maxLabels ?? 12)));
  return (
    <Frame label={props.label} height={h}>
      <line class="grid-base" x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} />
      {props.bars.map((b, i) => {
        const barH = (b.n / max) * innerH;
        return (
          <g key={b.x}>
            <rect
              class={`bar ${b.tone ?? ''}`}
              x={PAD.left + i * slot + slot * 0.12}
              y={PAD.top + innerH - barH}
              width={slot * 0.76}
              height={Math.max(0, barH)}
              rx={3}
            />
            {i % labelEvery === 0 && (
              <text class="axis" x={PAD.left + i * slot + slot / 2} y={h - 8} text-anchor="middle">
                {b.x}
              </text>
            )}
          </g>
        );
      })}
    </Frame>
  );
}

/** One 100% bar split into parts, e.g. promoters / passives / detractors. */
export function Stacked(props: { label: string; parts: { name: string; n: number; tone: string }[] }) {
  const total = props.parts.reduce((sum, p) => sum + p.n, 0);
  let at = 0;
  return (
    <svg class="stacked" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={props.label}>
      {props.parts.map((p) => {
        const width = total ? (p.n / total) * 100 : 0;
        const rect = <rect key={p.name} class={`bar ${p.tone}`} x={at} y={0} width={width} height={8} />;
        at += width;
        return rect;
      })}
    </svg>
  );
}

/** A step curve (Kaplan–Meier survival, the share still waiting) from 1 down to 0. */
export function StepCurve(props: {
  label: string;
  points: { t: number; y: number }[];
  xLabel: (t: number) => string;
  /** Where the time axis ends; later steps are cut (a long tail would squash the rest). */
  tMax?: number;
}) {
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const tMax = props.tMax ?? Math.max(1, ...props.points.map((p) => p.t));
  const x = (t: number) => PAD.left + (t / tMax) * innerW;
  const y = (v: number) => PAD.top + innerH - v * innerH;
  let d = `M${x(0)},${y(1)}`;
  for (const p of props.points) {
    if (p.t > tMax) break;
    d += `H${x(p.t).toFixed(1)}V${y(p.y).toFixed(1)}`;
  }
  d += `H${x(tMax).toFixed(1)}`;
  return (
    <Frame label={props.label}>
      {[0, 0.25, 0.5, 0.75, 1].map((t) => (
        <g key={t} class="grid">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
          <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
            {`${t * 100}%`}
          </text>
        </g>
      ))}
      <path class="line" d={d} />
      {[0, 0.5, 1].map((f) => (
        <text key={f} class="axis" x={x(tMax * f)} y={H - 8} text-anchor="middle">
          {props.xLabel(tMax * f)}
        </text>
      ))}
    </Frame>
  );
}
