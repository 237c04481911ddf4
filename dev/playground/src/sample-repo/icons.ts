import type { DemoChart } from './charts.js';

/** The chart's initials: `metrics-agent` -> `MA`. */
function initials(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase())
    .join('')
    .slice(0, 2);
}

/** A 64x64 SVG icon: the chart's initials on a rounded square of its colour. */
export function iconSvg(chart: DemoChart): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">',
    `<rect width="64" height="64" rx="12" fill="${chart.colour}"/>`,
    '<text x="32" y="41" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" ',
    `font-size="24" font-weight="600" fill="#ffffff">${initials(chart.name)}</text>`,
    '</svg>',
    '',
  ].join('');
}
