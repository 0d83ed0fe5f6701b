#pragma once
// The inline stylesheet of report.html (kept apart: it is long and not logic).

namespace grader {

inline constexpr const char* kReportCss = R"css(
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 24px 64px; }
header { border-bottom: 1px solid var(--line); margin-bottom: 24px; padding-bottom: 12px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; }
h3 { font-size: 17px; margin: 24px 0 4px; }
section.exercise .chart { margin-top: 8px; }
.meta { color: var(--muted); margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card .value { font-size: 24px; font-weight: 600; }
.card .name { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.chart { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
svg { width: 100%; height: auto; display: block; font-family: inherit; }
svg .bar { fill: var(--accent); }
svg .track { fill: #e6eaef; }
svg .baseline { stroke: var(--muted); stroke-width: 1; }
svg .axis, svg .count { font-size: 15px; fill: var(--muted); text-anchor: middle; }
svg .count { fill: var(--ink); font-weight: 600; }
svg .label { font-size: 13px; fill: var(--ink); text-anchor: end; }
svg .rate, svg .empty { font-size: 13px; fill: var(--muted); }
svg .empty { text-anchor: middle; font-size: 20px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line);
         overflow-wrap: anywhere; }
td .kind { font-size: 13px; }
td a { color: var(--accent); }
td.heat { color: var(--ink); }
td.h0 { background: #ffd8d3; } td.h1 { background: #ffe7c2; } td.h2 { background: #fff3b0; }
td.h3 { background: #dcf3c9; } td.h4 { background: #b7e4b0; font-weight: 600; }
.sortable > input { margin: 0 4px 12px 0; }
.sortable > label { margin-right: 16px; color: var(--muted); }
#sort-score:checked ~ #students-by-name, #sort-name:checked ~ #students { display: none; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.ungraded td { color: #9a6700; background: #fff8c5; }
td.full { color: #1a7f37; font-weight: 600; }
td.zero { color: #cf222e; }
.note { color: var(--muted); }
.pill { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px;
        background: #ffebe9; color: #cf222e; }
)css";

}  // namespace grader
