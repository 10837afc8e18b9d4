-- cermin bench --load: autosave, as the review form's script sends it, on
-- many reviews at once. Each line of the writers file is one review:
--   <path> <session cookie> <csrf token> <version> <field>
-- A review is saved again only after its last save was answered, with the
-- version that answer gave, so every save carries its correct version.
-- At the end, the last acknowledged save of each review (and the save still
-- unanswered when the run stopped, which the server may have stored after
-- it) is written to the file named by CERMIN_BENCH_ACKS, for the benchmark
-- to check that what was acknowledged is what is stored.
-- wrk ... -s autosave.lua <url> -- <threads> <writers file> <origin>
-- (Without Accept-Encoding: gzip, so the answers can be read here; they
-- are a few bytes of JSON.)

local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

local rows = {}         -- review id -> row
local ready = {}        -- rows not awaiting an answer (a queue)
local head, tail = 1, 0
local counter = 0
local origin = ""
acked = {}              -- review id -> "<version> <text>"
inflight = {}           -- review id -> text sent, not yet answered
saved = 0               -- answers "saved"
refused = 0             -- any other answer

local function push(r)
  tail = tail + 1
  ready[tail] = r
end

function init(args)
  local nthreads = tonumber(args[1])
  origin = args[3]
  local i = 0
  for line in io.lines(args[2]) do
    if i % nthreads == tid then
      local path, cookie, csrf, version, field =
        line:match("^(%S+) (%S+) (%S+) (%S+) (%S+)$")
      local id = path:match("^/reviews/([^/]+)/")
      local r = { id = id, path = path, cookie = cookie, csrf = csrf,
                  version = tonumber(version), field = field }
      rows[id] = r
      push(r)
    end
    i = i + 1
  end
end

function request()
  if head > tail then
    -- Every review awaits an answer: more connections than reviews. The
    -- benchmark gives each thread far more reviews than connections.
    error("no review is free to save")
  end
  local r = ready[head]
  ready[head] = nil
  head = head + 1
  counter = counter + 1
  r.pending = "autosave t" .. tid .. " n" .. counter
  inflight[r.id] = r.pending
  local body = "csrf_token=" .. r.csrf .. "&version=" .. r.version ..
    "&action=save&" .. r.field .. "=" .. r.pending:gsub(" ", "+")
  return wrk.format("POST", r.path, {
    ["Cookie"] = r.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
    ["X-CSRF-Token"] = r.csrf,
  }, body)
end

function response(status, headers, body)
  local id = body:match('"review":"([^"]+)"')
  local r = id and rows[id]
  if not r then
    refused = refused + 1
    return
  end
  inflight[id] = nil
  local version = tonumber(body:match('"version":(%d+)') or "")
  if status == 200 and body:find('"status":"saved"', 1, true) and version then
    saved = saved + 1
    r.version = version
    acked[id] = version .. " " .. r.pending
  else
    refused = refused + 1
    if version then r.version = version end
  end
  push(r)
end

function done(summary, latency, requests)
  local e = summary.errors
  local saved_total, refused_total = 0, 0
  local out = assert(io.open(os.getenv("CERMIN_BENCH_ACKS"), "w"))
  for _, t in ipairs(threads) do
    saved_total = saved_total + t:get("saved")
    refused_total = refused_total + t:get("refused")
    for id, v in pairs(t:get("acked")) do
      out:write("acked ", id, " ", v, "\n")
    end
    for id, text in pairs(t:get("inflight")) do
      out:write("inflight ", id, " 0 ", text, "\n")
    end
  end
  out:close()
  io.write(string.format(
    "CERMIN requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d max_us=%d bytes=%d saved=%d refused=%d\n",
    summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, summary.bytes,
    saved_total, refused_total))
end
