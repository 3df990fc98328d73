"""Few-shot LLM prompting experiments (spec/llm.md).

Modules, one concern each: `problem` (the 4-field problem record),
`description` (DSL description blocks), `adapters` (per-domain prompt pieces
and ExeDec trajectories), `prompts` (byte-exact prompt assembly), `parsing`
(code extraction from responses), `execution` (running Python programs),
`sandbox` / `sandbox_worker` (isolated execution of model-written code),
`solve` (baseline and ExeDec step loops), `cache` (sample cache),
`backends` (OpenAI-compatible HTTP client, Python callables, oracle),
`runner` (whole experiments, results JSON).
"""
