-- wrk script for bench/soak.sh: a round of pages and API calls as the party office of 卫健委 sees them,
-- with the auth cookie on pages and the bearer token on /api. Counts every status (response hook) and prints
-- one "SOAK key=value ..." line and one "STATUS code=count ..." line in done().
local cookie = assert(os.getenv("SOAK_COOKIE"), "SOAK_COOKIE")
local token = assert(os.getenv("SOAK_TOKEN"), "SOAK_TOKEN")
local list = assert(os.getenv("SOAK_LIST"), "SOAK_LIST")
local unit = assert(os.getenv("SOAK_UNIT"), "SOAK_UNIT")
local campaign = os.getenv("SOAK_CAMPAIGN") or "1"

local page = { ["Cookie"] = cookie }
local api = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
local anon = {}

local mix = {
  { "/", page },
  { "/Register", page },
  { "/Register?campaignId=" .. campaign .. "&q=审批事项", page },            -- FTS5 trigram search
  { "/Register?q=采购", page },                                             -- two characters: LIKE
  { "/Register?categoryCode=decision&levelCode=important&sort=level", page },
  { "/Register?orgUnitId=" .. unit .. "&page=1&sort=recent", page },
  { "/Lists/Edit?id=" .. list, page },
  { "/Inbox", page },
  { "/Reports/Dashboard", page },
  { "/api/v1/risk-points?campaignId=" .. campaign .. "&q=审批事项", api },
  { "/api/v1/risk-points?q=纪检&pageSize=20", api },
  { "/api/v1/reports/summary?orgUnitId=" .. unit .. "&campaignId=" .. campaign, api },
  { "/api/v1/inbox", api },
  { "/public/units/" .. unit, anon },
}

local function encode(path)
  return (path:gsub("[^%w%-_%.~=&?/]", function(c) return string.format("%%%02X", c:byte()) end))
end

local requests = {}
counts = {} -- global: done() reads it from each thread with thread:get
local n = 0

init = function(args)
  for i, m in ipairs(mix) do requests[i] = wrk.format("GET", encode(m[1]), m[2]) end
  -- Threads start at different places in the round.
  n = math.random(#requests)
end

request = function()
  n = n % #requests + 1
  return requests[n]
end

response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

local threads = {}
setup = function(thread) table.insert(threads, thread) end

done = function(summary, latency, requests)
  local total, bad, redirects = {}, 0, 0
  for _, t in ipairs(threads) do
    for code, c in pairs(t:get("counts")) do total[code] = (total[code] or 0) + c end
  end
  local codes = {}
  for code, c in pairs(total) do
    table.insert(codes, code)
    if code < 200 or code >= 400 then bad = bad + c end
    if code >= 300 and code < 400 then redirects = redirects + c end
  end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    "SOAK requests=%d duration_s=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non_2xx_3xx=%d redirects=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, redirects, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  local parts = {}
  for _, code in ipairs(codes) do table.insert(parts, code .. "=" .. total[code]) end
  io.write("STATUS " .. table.concat(parts, " ") .. "\n")
end
