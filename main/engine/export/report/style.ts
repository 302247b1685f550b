/** The report's stylesheet: readable on screen, and on A4 paper (margins, page breaks, no clipped rows). */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
:root { --fg: #111827; --muted: #6b7280; --line: #d1d5db; --soft: #f3f4f6; --add: #dcfce7; --del: #fee2e2; --accent: #1d4ed8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); margin: 0 auto; max-width: 190mm; padding: 12mm 0; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 20pt; margin: 2mm 0 4mm; overflow-wrap: anywhere; }
h2 { font-size: 13pt; border-bottom: 2px solid var(--fg); padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 1.5mm 0; overflow-wrap: anywhere; }
h4 { font-size: 9pt; margin: 2mm 0 1mm; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.brand { color: var(--accent); font-weight: 600; letter-spacing: .03em; }
.muted { color: var(--muted); }
pre, .chg-diff, .chg-inline, .details { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 8pt; }
dl { margin: 0; }
.kv { display: grid; grid-template-columns: 32mm 1fr; gap: 3mm; padding: .4mm 0; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.kv.mono dd { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 8pt; }
.meta .kv { grid-template-columns: 40mm 1fr; }
.title { border-bottom: 1px solid var(--line); padding-bottom: 4mm; }
.figure { width: 100%; height: auto; display: block; margin: 2mm 0; }
.figure .lane { fill: var(--soft); }
.figure .lane-name { font-size: 12px; fill: var(--fg); dominant-baseline: middle; }
.figure .tick { stroke: var(--line); stroke-dasharray: 3 3; }
.figure .tick-label { font-size: 11px; fill: var(--muted); }
.figure .mark-n { font-size: 8px; fill: #fff; font-weight: 700; }
.caption { color: var(--muted); font-size: 8.5pt; margin: 0; }
.legends { margin-top: 1mm; }
.legend { margin-right: 4mm; font-size: 8.5pt; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 1.5mm; }
.event { border: 1px solid var(--line); border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 4mm; break-inside: avoid; }
.event header { display: flex; gap: 3mm; align-items: baseline; font-size: 9pt; }
.event .n { font-weight: 700; color: var(--accent); }
.event .when { font-family: ui-monospace, Menlo, Consolas, monospace; }
.event .vendor { color: var(--muted); }
.event .star { color: #ca8a04; margin-left: auto; }
.outcome { font-size: 8pt; padding: 0 1.5mm; border-radius: 1mm; background: var(--soft); }
.o-failure { background: var(--del); color: #991b1b; }
.o-success { background: var(--add); color: #166534; }
.tags { margin: 1mm 0; }
.tag { display: inline-block; border: 1px solid var(--tag); color: var(--tag); border-radius: 3mm; padding: 0 2mm; margin: 0 1.5mm 1mm 0; font-size: 8.5pt; overflow-wrap: anywhere; }
.note { background: #fffbeb; border-left: 3px solid #ca8a04; padding: 1.5mm 3mm; margin: 2mm 0; }
.note-head { color: var(--muted); font-size: 8pt; }
.note-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.fields, .prov { margin-top: 1.5mm; font-size: 9pt; display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; }
.fields .kv, .prov .kv { grid-template-columns: 24mm 1fr; }
.kv.wide { grid-column: 1 / -1; }
.event.long { break-inside: auto; }
.event.long > header, .event.long > h3, .event.long > .tags, .event.long > .note, .event.long > .fields { break-inside: avoid; break-after: avoid; }
.prov { border-top: 1px dashed var(--line); padding-top: 1.5mm; }
.chg { margin: 1mm 0 2mm; }
.chg-field { font-weight: 600; font-size: 9pt; overflow-wrap: anywhere; }
.chg-inline, .chg-diff { border-collapse: collapse; width: 100%; table-layout: fixed; }
.chg-inline td { padding: .5mm 1.5mm; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; }
.chg-inline .none { color: var(--muted); background: var(--soft); }
.chg-inline .arrow { width: 6mm; text-align: center; color: var(--muted); }
.chg-inline .del, .chg-diff .del td { background: var(--del); }
.chg-inline .add, .chg-diff .add td { background: var(--add); }
.chg-diff td { padding: 0 1.5mm; white-space: pre-wrap; overflow-wrap: anywhere; vertical-align: top; }
.chg-diff .mark { width: 5mm; color: var(--muted); text-align: center; }
.chg-diff .fold td { color: var(--muted); background: var(--soft); font-style: italic; }
.chg-diff tr { break-inside: avoid; }
details.raw { margin-top: 1.5mm; }
details.raw summary { color: var(--muted); font-size: 8.5pt; cursor: pointer; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); padding: 2mm; margin: 1mm 0 0; }
.grid { border-collapse: collapse; width: 100%; font-size: 8.5pt; table-layout: fixed; }
.grid th, .grid td { border-bottom: 1px solid var(--line); padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.grid thead { display: table-header-group; }
.grid tr { break-inside: avoid; }
.grid th { background: var(--soft); }
.grid .num { text-align: right; }
.grid .small { font-size: 7.5pt; }
.custody th:nth-child(1) { width: 9mm; } .custody th:nth-child(2) { width: 25mm; } .custody th:nth-child(3) { width: 25mm; } .custody th:nth-child(4) { width: 26mm; }
.custody td:nth-child(2), .custody td:nth-child(4) { overflow-wrap: normal; }
.details { font-size: 7.5pt; }
.details .d { display: inline; overflow-wrap: anywhere; margin-right: 3mm; }
.details .dk { color: var(--muted); }
.source { border-bottom: 1px solid var(--line); padding: 1.5mm 0; break-inside: avoid; font-size: 9pt; }
.source .n { font-weight: 700; color: var(--accent); }
.source-head { margin-bottom: .5mm; }
.page { break-before: page; }
footer { margin-top: 8mm; color: var(--muted); font-size: 8pt; border-top: 1px solid var(--line); padding-top: 2mm; }
`;
