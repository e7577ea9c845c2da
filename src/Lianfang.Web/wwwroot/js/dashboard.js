// Draws the dashboard charts from the JSON the page carries (no inline script: the CSP forbids it).
(() => {
  const el = document.getElementById('dashboard-data');
  if (!el || !window.echarts) return;
  const d = JSON.parse(el.textContent || '{}');
  const red = '#b0252a';
  const draw = (id, option) => {
    const node = document.getElementById(id);
    if (!node) return;
    const chart = echarts.init(node);
    chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' } }, option));
    node.dataset.rendered = 'true';
    window.addEventListener('resize', () => chart.resize());
  };
  if (d.units) draw('chart-progress', {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 110, right: 20, top: 30, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: d.units, inverse: true },
    color: ['#adb5bd', '#f0ad4e', '#198754'],
    series: d.status.map(s => ({ name: s.name, type: 'bar', stack: 'all', data: s.data })),
  });
  if (d.heat) draw('chart-heat', {
    tooltip: { position: 'top' }, grid: { left: 110, right: 20, top: 10, bottom: 60 },
    xAxis: { type: 'category', data: d.levels }, yAxis: { type: 'category', data: d.categories },
    visualMap: { min: 0, max: Math.max(1, ...d.heat.map(h => h[2])), orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fdf2f2', red] } },
    series: [{ type: 'heatmap', data: d.heat, label: { show: true } }],
  });
  if (d.warnings) draw('chart-warnings', {
    title: d.warnings.length ? undefined : { text: '当前没有预警', left: 'center', top: 'middle', textStyle: { color: '#6c757d', fontSize: 14 } },
    tooltip: {}, grid: { left: 170, right: 20, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: d.warnings.map(w => w.name), inverse: true },
    series: [{ type: 'bar', data: d.warnings.map(w => w.value), itemStyle: { color: red } }],
  });
})();
