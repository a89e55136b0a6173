// The one ECharts wrapper of the dashboard. It registers only the ECharts parts the
// charts use (tree-shaken build), owns the instance's lifecycle and resizes it with
// its container. Charts never call ECharts directly: they give a transformProps
// result to this component.
import { useEffect, useImperativeHandle, useRef, type CSSProperties, type Ref } from 'react';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from './types';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

/** What a panel may ask of a drawn chart: its picture, for the PNG export. */
export interface ChartHandle {
  /** The chart as a PNG data URL, white background, twice the screen resolution; null before it is drawn. */
  pngDataUrl(): string | null;
}

export interface EChartsChartProps {
  option: EChartsOption;
  /** Text alternative; the data table after the chart holds the numbers. */
  ariaLabel: string;
  height: number;
  className?: string;
  style?: CSSProperties;
  handle?: Ref<ChartHandle>;
}

export function EChartsChart({ option, ariaLabel, height, className, style, handle }: EChartsChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useImperativeHandle(handle, () => ({
    pngDataUrl() {
      return chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? null;
    },
  }));

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => instance.resize());
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: each option is complete; series that went away must go.
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  useEffect(() => {
    // ECharts' aria component writes the description on the element; keep ours in charge.
    ref.current?.setAttribute('aria-label', ariaLabel);
  }, [ariaLabel, option]);

  return (
    <div
      ref={ref}
      className={className ? `echarts-chart ${className}` : 'echarts-chart'}
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height, ...style }}
    />
  );
}
