// The playground: a table of examples, POST /v1/synthesize, the answer shown.
// Plain DOM code, no build step; every value is inserted as text, never HTML.
"use strict";

const SAMPLES = {
  robustfill: [
    ["ab", "AB."], ["cd", "CD."], ["ef", "EF."], ["gh", "GH."],
  ],
  deepcoder: [
    ["[1, 2, 3]", "12"], ["[4]", "8"], ["[-1]", "-2"],
  ],
};

let served = null;
// Counts finished requests (answers and errors alike) on <body data-replies>,
// so a client can tell a new reply from an identical earlier one.
let replies = 0;

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function buildTable() {
  const body = document.querySelector("#examples tbody");
  body.textContent = "";
  const samples = SAMPLES[served.domain] || [];
  for (let i = 0; i < served.num_examples; i++) {
    const row = body.insertRow();
    row.id = "example-" + i;
    cell(row, String(i));
    for (const [column, value] of [["input", 0], ["output", 1]]) {
      const input = document.createElement("input");
      input.name = column + "-" + i;
      input.value = samples[i] ? samples[i][value] : "";
      row.insertCell().appendChild(input);
    }
    cell(row, "", "got");
    cell(row, "", "mark");
  }
}

function examples() {
  const rows = [];
  for (let i = 0; i < served.num_examples; i++) {
    rows.push({
      input: document.querySelector(`[name=input-${i}]`).value,
      output: document.querySelector(`[name=output-${i}]`).value,
    });
  }
  return rows;
}

function show(answer) {
  document.getElementById("result").classList.remove("hidden");
  document.getElementById("status").textContent = answer.solved
    ? `Satisfies every example (${answer.num_steps} steps).`
    : "No program satisfies every example; showing the best one.";
  const program = answer.program || {};
  document.getElementById("dsl").textContent = program.dsl || "(no valid program)";
  document.getElementById("python").textContent = program.python || "";
  answer.examples.forEach((example, i) => {
    const row = document.getElementById("example-" + i);
    row.className = example.satisfied ? "ok" : "bad";
    row.querySelector(".got").textContent = example.got === null ? "(fails)" : example.got;
    row.querySelector(".mark").textContent = example.satisfied ? "✓" : "✗";
  });
  const head = document.querySelector("#steps thead tr");
  head.textContent = "";
  cell(head, "step");
  for (let i = 0; i < served.num_examples; i++) cell(head, "subgoal " + i);
  cell(head, "program part");
  const body = document.querySelector("#steps tbody");
  body.textContent = "";
  for (const step of answer.steps) {
    const row = body.insertRow();
    cell(row, String(step.step + 1));
    for (let i = 0; i < served.num_examples; i++) {
      const achieved = step.achieved ? step.achieved[i] : null;
      cell(
        row,
        step.subgoals ? step.subgoals[i] : "",
        achieved === null ? "" : achieved ? "ok" : "bad",
      );
    }
    cell(row, step.program_part || "");
  }
  const t = answer.timings;
  document.getElementById("timings").textContent =
    `synthesis ${t.synthesis_s.toFixed(3)} s, total ${t.total_s.toFixed(3)} s, ` +
    `batch of ${t.batch_size}`;
}

async function run() {
  const error = document.getElementById("error");
  error.textContent = "";
  const button = document.getElementById("run");
  button.disabled = true;
  try {
    const reply = await fetch("/v1/synthesize", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        domain: served.domain,
        examples: examples(),
        beam_size: Number(document.getElementById("beam_size").value),
      }),
    });
    const answer = await reply.json();
    if (!reply.ok) {
      error.textContent = `${reply.status}: ${answer.error}`;
      return;
    }
    show(answer);
  } catch (failure) {
    error.textContent = String(failure);
  } finally {
    button.disabled = false;
    replies += 1;
    document.body.dataset.replies = String(replies);
  }
}

async function init() {
  served = await (await fetch("/healthz")).json();
  document.getElementById("served").textContent =
    `${served.domain} models (${served.method}), ${served.num_examples} examples per problem.`;
  document.getElementById("beam_size").value = served.default_beam_size;
  document.getElementById("beam_size").max = served.max_beam_size;
  buildTable();
  document.getElementById("run").addEventListener("click", run);
}

init();
