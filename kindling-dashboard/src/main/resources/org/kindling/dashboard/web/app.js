"use strict";
// The dashboard page: the runs table (refreshed every few seconds), the selected run's live loss curves
// (server-sent events), the comparison chart, and the run's configuration and plots. Text from the run
// folders is only ever set as textContent, never parsed as HTML.

const REFRESH_MS = 2000;
const $ = (id) => document.getElementById(id);
const api = (path) => fetch(path, { cache: "no-store" }).then(async (r) => {
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
});
const runPath = (name) => encodeURIComponent(name);
const fmt = (v) => v == null ? "" : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toPrecision(4);

const state = {
  runs: [],
  selected: null,       // name of the run shown below the table
  compared: new Set(),  // names overlaid in the comparison chart
  stream: null,         // EventSource of the selected run
  steps: [[], []],      // the selected run's step losses: [n...], [loss...]
  epochs: [],           // the selected run's epoch records
};

const stepChart = new Charts.LossChart($("step-chart"), "step");
const epochChart = new Charts.LossChart($("epoch-chart"), "epoch");
const compareChart = new Charts.LossChart($("compare-chart"), "epoch");

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text == null ? "" : String(text);
  if (cls) td.className = cls;
  return td;
}

function statusBadge(status) {
  const s = document.createElement("span");
  s.className = `status ${status}`;
  s.textContent = status;
  return s;
}

async function refreshRuns() {
  try {
    const body = await api("/api/runs");
    $("list-error").hidden = true;
    $("folder").textContent = body.folder;
    $("refreshed").textContent = `updated ${new Date().toLocaleTimeString()}`;
    const before = new Map(state.runs.map((r) => [r.name, r]));
    state.runs = body.runs;
    renderRuns();
    const changed = state.runs.filter((r) => state.compared.has(r.name) && before.get(r.name)?.updated !== r.updated);
    if (changed.length) refreshComparison();
    const sel = state.runs.find((r) => r.name === state.selected);
    // A stopped run that was resumed comes back to life: follow it again.
    if (sel && !state.stream && sel.status === "running") selectRun(sel.name);
  } catch (e) {
    $("list-error").textContent = `Cannot list the runs: ${e.message}`;
    $("list-error").hidden = false;
  }
}

// Rows are kept and updated in place (not rebuilt), so a click or a ticked box survives a refresh.
function renderRuns() {
  const body = $("runs").tBodies[0];
  const old = new Map([...body.rows].map((row) => [row.dataset.run, row]));
  $("no-runs").hidden = state.runs.length > 0;
  state.runs.forEach((r, i) => {
    const row = old.get(r.name) || newRow(r.name);
    old.delete(r.name);
    if (body.rows[i] !== row) body.insertBefore(row, body.rows[i] || null);
    fillRow(row, r);
  });
  for (const gone of old.values()) gone.remove();
}

function newRow(name) {
  const row = document.createElement("tr");
  row.dataset.run = name;
  const box = document.createElement("input");
  box.type = "checkbox";
  box.title = "overlay in the comparison chart";
  box.addEventListener("click", (e) => {
    e.stopPropagation();
    if (box.checked) state.compared.add(name); else state.compared.delete(name);
    refreshComparison();
  });
  row.insertCell().append(box);
  const classes = ["name", "", "", "", "", "num", "num", "num", "num"];
  for (const cls of classes) row.insertCell().className = cls;
  row.addEventListener("click", () => selectRun(name));
  return row;
}

function fillRow(row, r) {
  row.dataset.status = r.status;
  row.classList.toggle("selected", r.name === state.selected);
  const c = row.cells;
  const texts = [r.name, r.started.replace("T", " "), r.data, r.model, null,
    r.epochs ? `${r.epochsDone} / ${r.epochs}` : "", fmt(r.last.train_loss), fmt(r.last.val_loss), fmt(r.last.val_accuracy)];
  texts.forEach((t, i) => { if (t !== null && c[i + 1].textContent !== (t ?? "")) c[i + 1].textContent = t ?? ""; });
  const status = c[5];
  if (status.textContent !== r.status) status.replaceChildren(statusBadge(r.status));
  status.title = r.message || "";
}

async function selectRun(name) {
  if (state.stream) state.stream.close();
  state.stream = null;
  state.selected = name;
  history.replaceState(null, "", `#run=${runPath(name)}`);
  for (const row of $("runs").tBodies[0].rows) row.classList.toggle("selected", row.dataset.run === name);
  $("run").hidden = false;
  $("run-name").textContent = name;
  state.steps = [[], []];
  state.epochs = [];
  stepChart.clear();
  epochChart.clear();
  await showDetail(name);
  if (state.selected !== name) return;
  const es = new EventSource(`/api/runs/${runPath(name)}/events`);
  state.stream = es;
  es.addEventListener("metrics", (e) => onMetrics(JSON.parse(e.data)));
  es.addEventListener("status", (e) => onStatus(JSON.parse(e.data)));
  es.addEventListener("problem", (e) => { showRunError(JSON.parse(e.data).error); closeStream(es); });
  es.addEventListener("end", () => closeStream(es));
}

function closeStream(es) {
  es.close();
  if (state.stream === es) state.stream = null;
}

function onMetrics(m) {
  if (m.reset) { state.steps = [[], []]; state.epochs = []; }
  for (const [n, loss] of m.steps) { state.steps[0].push(n); state.steps[1].push(loss); }
  state.epochs.push(...m.epochs);
  drawRunCharts();
}

let lastStatus = null;
function onStatus(s) {
  const badge = $("run-status");
  badge.className = `status ${s.status}`;
  badge.textContent = s.status;
  if (s.message) showRunError(s.message); else $("run-error").hidden = true;
  // When a run ends its plots appear: show them.
  if (lastStatus === "running" && s.status !== "running") showDetail(s.name);
  lastStatus = s.status;
}

function drawRunCharts() {
  stepChart.update([{ label: "training loss" }], state.steps);
  const xs = state.epochs.map((e) => e.epoch);
  const series = [{ label: "training loss" }];
  const data = [xs, state.epochs.map((e) => e.train_loss)];
  if (state.epochs.some((e) => e.val_loss != null)) {
    series.push({ label: "validation loss", color: Charts.palette[1] });
    data.push(state.epochs.map((e) => e.val_loss ?? null));
  }
  epochChart.update(series, data);
}

function showRunError(message) {
  $("run-error").textContent = message;
  $("run-error").hidden = false;
}

async function showDetail(name) {
  let d;
  try {
    d = await api(`/api/runs/${runPath(name)}`);
  } catch (e) {
    showRunError(`Cannot read run ${name}: ${e.message}`);
    return;
  }
  if (state.selected !== name) return;
  onStatus(d.summary);
  const config = $("config");
  config.replaceChildren();
  for (const [k, v] of Object.entries(d.config || {})) {
    if (v === null) continue; // a setting that does not apply to this run
    const row = config.insertRow();
    cell(row, k);
    cell(row, v !== null && typeof v === "object" ? JSON.stringify(v) : v);
  }
  const files = $("files");
  files.replaceChildren();
  const plots = $("plots");
  plots.replaceChildren();
  for (const f of d.files) {
    const href = `/files/${runPath(name)}/${encodeURIComponent(f)}`;
    const a = document.createElement("a");
    a.href = href;
    a.textContent = f;
    a.target = "_blank";
    a.rel = "noopener";
    const li = document.createElement("li");
    li.append(a);
    files.append(li);
    if (f.endsWith(".png")) {
      const fig = document.createElement("figure");
      const img = document.createElement("img");
      img.src = `${href}?t=${d.summary.updated}`;
      img.alt = f;
      const cap = document.createElement("figcaption");
      cap.textContent = f;
      fig.append(cap, img);
      plots.append(fig);
    }
  }
}

async function refreshComparison() {
  const names = [...state.compared].filter((n) => state.runs.some((r) => r.name === n));
  $("compare").hidden = names.length === 0;
  if (!names.length) { compareChart.clear(); return; }
  const logs = await Promise.all(names.map((n) => api(`/api/runs/${runPath(n)}/metrics`).catch(() => null)));
  const series = [], tables = [];
  names.forEach((n, i) => {
    const log = logs[i];
    if (!log || !log.epochs.length) return;
    const color = Charts.palette[series.length % Charts.palette.length];
    const xs = log.epochs.map((e) => e.epoch);
    series.push({ label: `${n} train`, color });
    tables.push([xs, log.epochs.map((e) => e.train_loss)]);
    if (log.epochs.some((e) => e.val_loss != null)) {
      series.push({ label: `${n} val`, color, dash: [6, 4] });
      tables.push([xs, log.epochs.map((e) => e.val_loss ?? null)]);
    }
  });
  if (!tables.length) { compareChart.clear(); return; }
  // One shared x axis: uPlot.join aligns the runs' epochs, with gaps where a run has none.
  compareChart.update(series, uPlot.join(tables));
}

refreshRuns().then(() => {
  const m = location.hash.match(/^#run=(.+)$/);
  if (m) {
    const name = decodeURIComponent(m[1]);
    if (state.runs.some((r) => r.name === name)) selectRun(name);
  }
});
setInterval(refreshRuns, REFRESH_MS);
