-- Cycles through the request paths in $PATHS_FILE (one a line) with the headers in $HEADER ("Name: value"),
-- and prints the figures as one JSON line: requests, req/s, latency median/p95/p99 (ms), errors (non-2xx/3xx and socket).
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local header = os.getenv("HEADER")
if header and #header > 0 then
  local name, value = header:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

local counter = 0
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"rps":%.1f,"p50":%.2f,"p95":%.2f,"p99":%.2f,"max":%.2f,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
