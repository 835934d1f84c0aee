import { useEffect, useRef } from 'preact/hooks';
import { echarts, type ChartOption } from './echarts.ts';

export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
  name: string;
}

/**
 * One ECharts chart. The picture is for the eye: every chart sits beside a table or a list with
 * the same numbers, which is what keyboards and screen readers use, so the canvas itself is
 * described by `label` and hidden from the accessibility tree.
 */
export function Chart({
  option,
  label,
  height = 320,
  onClick,
  testId,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  onClick?: (click: ChartClick) => void;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.(params as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  return (
    <figure class="chart" data-testid={testId}>
      <div ref={element} style={{ height: `${height}px` }} role="img" aria-label={label} />
    </figure>
  );
}
