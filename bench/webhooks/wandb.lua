-- wrk script: W&B webhook deliveries, each body unique (a replay would be refused with 409),
-- authenticated with the webhook's access token. BENCH_RUN makes bodies of different wrk runs differ.
-- Non-202 answers are counted and reported (409 = a replay, which this script never sends).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tonumber(wrk.thread:get("thread_id")) or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  run = os.getenv("BENCH_RUN") or "0"
  rejected = 0
  conflicts = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"event_type":"LINK_ARTIFACT","event_author":"bench","entity_name":"bench","project_name":"vision",' ..
    '"artifact_collection_name":"resnet","artifact_version_string":"bench/model-registry/resnet:%s-t%d-%d",' ..
    '"alias":"","tag":"","artifact_version":"wandb-artifact://_id/QXJ0aWZhY3Q6%d"}',
    run, thread_id, counter, counter)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 202 then
    rejected = rejected + 1
  end
  if status == 409 then
    conflicts = conflicts + 1
  end
end

function done(summary, latency, requests)
  local refused = 0
  local replays = 0
  for _, thread in ipairs(threads) do
    refused = refused + (tonumber(thread:get("rejected")) or 0)
    replays = replays + (tonumber(thread:get("conflicts")) or 0)
  end
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non202=%d of_which_409=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, refused, replays,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
