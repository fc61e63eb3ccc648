import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useEffect, useRef } from 'react';
import { type ComposeOption, echarts } from './echarts';
import { countStat } from './liveFeed';

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/**
 * One ECharts instance for the life of the component, fed new figures with setOption (never
 * re-created, which over days would leak canvases), and disposed on unmount. The screen is laid out
 * at 1920×1080 and scaled as a whole, so a chart's size is fixed and needs no resize listener.
 */
export function Chart({
  option,
  width,
  height,
  testId,
}: {
  option: ChartOption;
  width: number;
  height: number;
  testId: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const instance = echarts.init(el.current as HTMLDivElement, null, { renderer: 'canvas', width, height });
    chart.current = instance;
    countStat('chartInits');
    return () => {
      instance.dispose();
      chart.current = null;
      countStat('chartDisposals');
    };
  }, [width, height]);

  useEffect(() => {
    chart.current?.setOption(option, { lazyUpdate: true });
  }, [option]);

  return <div ref={el} style={{ width, height }} data-testid={testId} />;
}
