/**
 * A thin React host for an ECharts chart. It registers nothing: each caller imports, module by
 * module, only the charts and components it draws (see pages/analytics/echart.tsx and
 * pages/public/transparency-charts.tsx), so ECharts stays in the chunks of the pages that draw
 * and the rest of the UI never downloads it.
 */
import { type ECharts, type EChartsCoreOption, init } from 'echarts/core';
import { useCallback, useEffect, useRef } from 'react';

/** Whether the reader asked for less motion: charts then appear without animation. */
function reducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Whether a chart's host can be drawn in: in the page and not of zero size. ECharts' graph
 * cannot lay out at zero width or height and throws ("Cannot read properties of null (reading
 * '0')"); a host measures zero once React has taken it out of the page (its effect cleanup, which
 * disposes the chart, may come a task later) or while it is hidden.
 */
const drawable = (element: HTMLElement) => element.isConnected && element.clientWidth > 0 && element.clientHeight > 0;

export interface EChartHostProps<O extends EChartsCoreOption> {
  option: O;
  /** One line saying what the chart shows, for screen readers (the canvas says nothing). */
  label: string;
  height?: number;
  className?: string;
}

export function EChartHost<O extends EChartsCoreOption>({
  option,
  label,
  height = 300,
  className = 'analytics-chart',
}: EChartHostProps<O>) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  /** An option that came while the host could not be drawn in, set once it can. */
  const pending = useRef<O | null>(null);

  const draw = useCallback((next: O) => {
    const element = host.current;
    const instance = chart.current;
    if (!element || !instance) return;
    if (!drawable(element)) {
      pending.current = next;
      return;
    }
    pending.current = null;
    const fontFamily = getComputedStyle(document.documentElement).getPropertyValue('--font-sans').trim() || 'sans-serif';
    const motion = reducedMotion() ? { animation: false } : { animationDuration: 300 };
    // notMerge: a series that is gone from the new option must go from the chart too.
    instance.setOption({ textStyle: { fontFamily }, ...motion, ...next }, { notMerge: true });
  }, []);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // The card's width follows the window and the collapsible navigation, not window resizes alone.
    const observer = new ResizeObserver(() => {
      if (!drawable(element)) return;
      if (pending.current) draw(pending.current);
      else instance.resize({ animation: reducedMotion() ? { duration: 0 } : undefined });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [draw]);

  useEffect(() => draw(option), [draw, option]);

  return <div ref={host} role="img" aria-label={label} className={className} style={{ height }} />;
}
