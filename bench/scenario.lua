-- One benchmark scenario for wrk, configured from the environment:
--   BENCH_METHOD  HTTP method (default GET)
--   BENCH_BODY    request body sent as application/json (optional)
--   BENCH_TOKEN   sends "Authorization: Bearer <token>" and "Intercom-Version: 2.10" (optional)
--   BENCH_PATHS   a file of paths, one per line: requests go to each in turn (optional)
-- Requests are built once, so wrk spends little Lua time per request. When the run ends,
-- done() prints one line "BENCH_RESULT {json}" that bench/run.py reads.

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["Accept"] = "application/json"

local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Intercom-Version"] = "2.10"
end

local paths_file = os.getenv("BENCH_PATHS")
if paths_file and paths_file ~= "" then
  local paths = {}
  for line in io.lines(paths_file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  local built = {}
  local next_index = 0

  function init(args)
    for i, path in ipairs(paths) do
      built[i] = wrk.format(nil, path)
    end
  end

  function request()
    next_index = next_index % #built + 1
    return built[next_index]
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"latency_p50_us":%d,"latency_p90_us":%d,"latency_p99_us":%d,' ..
    '"latency_max_us":%d,"latency_mean_us":%.1f,' ..
    '"errors_connect":%d,"errors_read":%d,"errors_write":%d,' ..
    '"errors_status":%d,"errors_timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
